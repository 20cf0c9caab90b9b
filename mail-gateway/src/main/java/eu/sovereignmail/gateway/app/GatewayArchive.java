package eu.sovereignmail.gateway.app;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.S3Settings;
import eu.sovereignmail.archive.search.SearchSettings;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a gateway configuration puts the archive (database, blob directory, key files), in one place, so
 * that the running gateway and the {@code archive} CLI always open the same archive.
 */
public final class GatewayArchive {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayArchive.class);

  private GatewayArchive() {}

  /**
   * The archive settings of {@code config}: its own database or the gateway's, blobs under
   * {@code <data-dir>/archive/blobs} and the key file {@code <data-dir>/archive/archive.keys} unless set; the
   * checkpoint signing key beside the key file.
   */
  public static ArchiveSettings settings(GatewayConfig config) {
    var archive = config.archive();
    GatewayConfig.Database db = archive.database() == null ? config.database() : archive.database();
    Path blobs = archive.blobDir() == null ? config.dataDir().resolve("archive").resolve("blobs") : archive.blobDir();
    Path keys = archive.keyFile() == null ? config.dataDir().resolve("archive").resolve("archive.keys") : archive.keyFile();
    int pool = archive.poolSize() == null ? ArchiveSettings.DEFAULT_POOL_SIZE : archive.poolSize();
    return new ArchiveSettings(db.url(), db.user(), db.password(), blobs, keys, pool, null, null, s3(archive.s3()),
        search(archive.search(), blobs), archive.exportDir());
  }

  private static S3Settings s3(GatewayConfig.ArchiveS3 s3) {
    return s3 == null ? null : new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey(),
        s3.pathStyle(), s3.prefix());
  }

  /** The configured index over the archive's defaults (a Lucene index beside the blobs, indexed here); null: all defaults. */
  private static SearchSettings search(GatewayConfig.ArchiveSearch search, Path blobs) {
    if (search == null) {
      return null;
    }
    SearchSettings defaults = SearchSettings.lucene(blobs.toAbsolutePath().resolveSibling("index"));
    String backend = search.backend() == null ? defaults.backend() : search.backend();
    Path indexDir = search.indexDir() != null ? search.indexDir()
        : SearchSettings.LUCENE.equals(backend) ? defaults.indexDir() : null;
    return new SearchSettings(backend, indexDir, search.indexer() == null ? defaults.indexer() : search.indexer(),
        search.consumer() == null ? defaults.consumer() : search.consumer(),
        search.pollInterval() == null ? defaults.pollInterval() : search.pollInterval(), search.properties(),
        search.totalHitCountThreshold() == null ? defaults.totalHitCountThreshold() : search.totalHitCountThreshold());
  }

  /** Opens the archive for the running gateway, creating the key file on the first run. */
  public static Archive openForGateway(GatewayConfig config) throws IOException {
    ArchiveSettings settings = settings(config);
    if (!Files.exists(settings.keyFile())) {
      KeyRing.createKeyFile(settings.keyFile());
      LOG.warn("event=gateway.archive_key_created file={} hint=\"back this file up: without it the archive cannot be read\"",
          settings.keyFile());
    }
    return Archive.open(settings);
  }
}
