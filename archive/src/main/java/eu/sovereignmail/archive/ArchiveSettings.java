package eu.sovereignmail.archive;

import eu.sovereignmail.archive.search.SearchSettings;
import java.nio.file.Path;

/**
 * The archive module's configuration, validated when built; errors name the configuration key.
 *
 * @param jdbcUrl {@code archive.jdbc.url}: the archive's own MariaDB database (not James's)
 * @param jdbcUser {@code archive.jdbc.user}
 * @param jdbcPassword {@code archive.jdbc.password} (never printed by {@link #toString()})
 * @param blobDir {@code archive.blob.dir}: root of the file blob store
 * @param keyFile {@code archive.key-file}: the key file, or {@code null} to read the keys from the
 *     environment variable {@code SOVEREIGN_ARCHIVE_KEYS}
 * @param poolSize {@code archive.jdbc.pool-size}: database connections (appends are serialized, so few are needed)
 * @param search {@code archive.search.*}: the index; {@code null} means a Lucene index in {@code index}
 *     next to the blob directory, indexed by this process
 */
public record ArchiveSettings(
    String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile, int poolSize,
    SearchSettings search) {
  public static final int DEFAULT_POOL_SIZE = 4;

  public ArchiveSettings {
    require(jdbcUrl != null && jdbcUrl.startsWith("jdbc:mariadb:"), "archive.jdbc.url",
        "must be a jdbc:mariadb: URL");
    require(jdbcUser != null && !jdbcUser.isBlank(), "archive.jdbc.user", "must be set");
    require(jdbcPassword != null, "archive.jdbc.password", "must be set");
    require(blobDir != null, "archive.blob.dir", "must be set");
    require(poolSize >= 1 && poolSize <= 64, "archive.jdbc.pool-size", "must be between 1 and 64");
    if (search == null) {
      search = SearchSettings.lucene(blobDir.toAbsolutePath().resolveSibling("index"));
    }
  }

  /** Settings with the default search index (Lucene, next to the blob directory). */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile, int poolSize) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, null);
  }

  /** Settings with the default pool size. */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, DEFAULT_POOL_SIZE);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }

  @Override
  public String toString() {
    return "ArchiveSettings[jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", jdbcPassword=***, blobDir=" + blobDir
        + ", keyFile=" + (keyFile == null ? "(environment)" : keyFile) + ", poolSize=" + poolSize + ", search=" + search
        + "]";
  }
}
