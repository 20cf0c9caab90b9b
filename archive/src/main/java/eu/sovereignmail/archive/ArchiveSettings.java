package eu.sovereignmail.archive;

import eu.sovereignmail.archive.blob.S3Settings;
import eu.sovereignmail.archive.journal.CheckpointPolicy;
import eu.sovereignmail.archive.search.SearchSettings;
import java.nio.file.Path;

/**
 * The archive module's configuration, validated when built; errors name the configuration key.
 *
 * @param jdbcUrl {@code archive.jdbc.url}: the archive's own MariaDB database (not James's)
 * @param jdbcUser {@code archive.jdbc.user}
 * @param jdbcPassword {@code archive.jdbc.password} (never printed by {@link #toString()})
 * @param blobDir {@code archive.blob.dir}: root of the file blob store (unused when {@code s3} is set)
 * @param keyFile {@code archive.key-file}: the key file, or {@code null} to read the keys from the
 *     environment variable {@code SOVEREIGN_ARCHIVE_KEYS}
 * @param poolSize {@code archive.jdbc.pool-size}: database connections (appends are group-committed, so few are needed)
 * @param checkpointKeyFile {@code archive.checkpoint.key-file}: the Ed25519 checkpoint signing key, created at
 *     first open; {@code null} means {@code checkpoint.key} next to {@code keyFile}
 * @param checkpoints {@code archive.checkpoint.*}: when checkpoints are signed ({@code null}: the defaults)
 * @param s3 {@code archive.s3.*}: keep blobs in S3-compatible object storage instead of {@code blobDir}; {@code null}: files
 * @param search {@code archive.search.*}: the index; {@code null} means a Lucene index in {@code index}
 *     next to the blob directory, indexed by this process
 * @param exportDir {@code archive.export.dir}: where case exports are written; {@code null} means {@code exports}
 *     next to the blob directory (or, with blobs in S3, next to the Lucene index directory)
 */
public record ArchiveSettings(
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Path blobDir,
    Path keyFile,
    int poolSize,
    Path checkpointKeyFile,
    CheckpointPolicy checkpoints,
    S3Settings s3,
    SearchSettings search,
    Path exportDir) {
  public static final int DEFAULT_POOL_SIZE = 4;
  /** The checkpoint key file's name when it sits next to the archive key file. */
  public static final String CHECKPOINT_KEY_FILE_NAME = "checkpoint.key";

  public ArchiveSettings {
    require(jdbcUrl != null && jdbcUrl.startsWith("jdbc:mariadb:"), "archive.jdbc.url",
        "must be a jdbc:mariadb: URL");
    require(jdbcUser != null && !jdbcUser.isBlank(), "archive.jdbc.user", "must be set");
    require(jdbcPassword != null, "archive.jdbc.password", "must be set");
    require(blobDir != null || s3 != null, "archive.blob.dir", "must be set (or archive.s3)");
    require(poolSize >= 1 && poolSize <= 64, "archive.jdbc.pool-size", "must be between 1 and 64");
    require(checkpointKeyFile != null || keyFile != null, "archive.checkpoint.key-file",
        "must be set when the archive keys come from the environment");
    checkpoints = checkpoints == null ? CheckpointPolicy.DEFAULT : checkpoints;
    require(search != null || blobDir != null, "archive.search.index-dir", "must be set when blobs are in S3");
    if (search == null) {
      search = SearchSettings.lucene(blobDir.toAbsolutePath().resolveSibling("index"));
    }
    if (exportDir == null) {
      Path beside = blobDir != null ? blobDir : search.indexDir();
      require(beside != null, "archive.export.dir", "must be set when blobs are in S3 and the index is not local");
      exportDir = beside.toAbsolutePath().resolveSibling("exports");
    }
  }

  /** Settings with the export directory derived from the blob (or index) directory. */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile, int poolSize,
      Path checkpointKeyFile, CheckpointPolicy checkpoints, S3Settings s3, SearchSettings search) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, checkpointKeyFile, checkpoints, s3, search, null);
  }

  /** Settings with the default pool size. */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, DEFAULT_POOL_SIZE);
  }

  /** Settings with file blobs, the checkpoint key next to {@code keyFile} and the default checkpoint policy. */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile, int poolSize) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, null, null, null, null);
  }

  /** Settings with file blobs, default checkpoints and the given search index. */
  public ArchiveSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, Path blobDir, Path keyFile, int poolSize,
      SearchSettings search) {
    this(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, null, null, null, search);
  }

  /** The checkpoint key file in use: the one set, or {@value #CHECKPOINT_KEY_FILE_NAME} next to the key file. */
  public Path checkpointKeyFileOrDefault() {
    return checkpointKeyFile != null ? checkpointKeyFile : keyFile.resolveSibling(CHECKPOINT_KEY_FILE_NAME);
  }

  /** These settings with {@code policy} for checkpoints. */
  public ArchiveSettings withCheckpoints(CheckpointPolicy policy) {
    return new ArchiveSettings(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, checkpointKeyFile, policy, s3, search,
        exportDir);
  }

  /** These settings with the checkpoint key in {@code file}. */
  public ArchiveSettings withCheckpointKeyFile(Path file) {
    return new ArchiveSettings(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, file, checkpoints, s3, search,
        exportDir);
  }

  /** These settings with blobs in S3-compatible storage. */
  public ArchiveSettings withS3(S3Settings storage) {
    return new ArchiveSettings(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, checkpointKeyFile, checkpoints,
        storage, search, exportDir);
  }

  /** These settings with {@code index} for search. */
  public ArchiveSettings withSearch(SearchSettings index) {
    return new ArchiveSettings(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, checkpointKeyFile, checkpoints,
        s3, index, exportDir);
  }

  /** These settings with case exports written under {@code dir}. */
  public ArchiveSettings withExportDir(Path dir) {
    return new ArchiveSettings(jdbcUrl, jdbcUser, jdbcPassword, blobDir, keyFile, poolSize, checkpointKeyFile, checkpoints,
        s3, search, dir);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }

  @Override
  public String toString() {
    return "ArchiveSettings[jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", jdbcPassword=***, blobDir=" + blobDir
        + ", keyFile=" + (keyFile == null ? "(environment)" : keyFile) + ", poolSize=" + poolSize
        + ", checkpointKeyFile=" + checkpointKeyFileOrDefault() + ", checkpoints=" + checkpoints
        + ", s3=" + s3 + ", search=" + search + ", exportDir=" + exportDir + "]";
  }
}
