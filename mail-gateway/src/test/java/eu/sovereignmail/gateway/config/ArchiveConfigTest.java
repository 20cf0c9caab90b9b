package eu.sovereignmail.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.search.SearchSettings;
import eu.sovereignmail.gateway.app.GatewayArchive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The archive's keys under {@code archive}: defaults under the data directory, blobs in S3-compatible storage, the
 * search backend (Lucene or Elasticsearch with its properties), environment overrides for secrets, errors naming the
 * key; and that the gateway hands exactly these to the archive.
 */
class ArchiveConfigTest {
  private static final String BASE = """
      hostname: mail.example.eu
      data-dir: /var/lib/sm
      database: {url: "jdbc:mariadb://127.0.0.1/g", user: g, password: p}
      james: {host: 127.0.0.1}
      """;

  @Test
  void withoutAnArchiveSectionEverythingIsUnderTheDataDirectory() throws Exception {
    ArchiveSettings settings = GatewayArchive.settings(new ConfigLoader().parse(BASE, Map.of()));

    assertThat(settings.blobDir()).isEqualTo(Path.of("/var/lib/sm/archive/blobs"));
    assertThat(settings.keyFile()).isEqualTo(Path.of("/var/lib/sm/archive/archive.keys"));
    assertThat(settings.s3()).isNull();
    assertThat(settings.search().backend()).isEqualTo(SearchSettings.LUCENE);
    assertThat(settings.search().indexDir()).isEqualTo(Path.of("/var/lib/sm/archive/index"));
    assertThat(settings.search().indexer()).isTrue();
    assertThat(settings.search().totalHitCountThreshold()).isEqualTo(SearchSettings.DEFAULT_TOTAL_HIT_COUNT_THRESHOLD);
    assertThat(settings.exportDir()).isEqualTo(Path.of("/var/lib/sm/archive/exports"));
    assertThat(settings.poolSize()).isEqualTo(ArchiveSettings.DEFAULT_POOL_SIZE);
    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1/g");
  }

  @Test
  void blobsInS3AndAnElasticsearchIndexSharedByNodes() throws Exception {
    GatewayConfig config = new ConfigLoader().parse(BASE + """
        archive:
          pool-size: 8
          export-dir: /srv/exports
          s3:
            endpoint: https://s3.gra.io.cloud.ovh.net
            region: gra
            bucket: institution-archive
            access-key: AKIAEXAMPLE
            path-style: false
            prefix: journal/
          search:
            backend: elasticsearch
            consumer: cluster
            indexer: false
            poll-interval: 2s
            total-hit-count-threshold: 50000
            properties:
              hibernate.search.backend.hosts: es1.internal:9200,es2.internal:9200
              hibernate.search.backend.protocol: https
        """, Map.of("SOVEREIGN_ARCHIVE_S3_SECRET_KEY", "from-the-environment"));
    ArchiveSettings settings = GatewayArchive.settings(config);

    assertThat(settings.poolSize()).isEqualTo(8);
    assertThat(settings.exportDir()).isEqualTo(Path.of("/srv/exports"));
    assertThat(settings.s3().endpoint()).isEqualTo(URI.create("https://s3.gra.io.cloud.ovh.net"));
    assertThat(settings.s3().bucket()).isEqualTo("institution-archive");
    assertThat(settings.s3().secretKey()).isEqualTo("from-the-environment");
    assertThat(settings.s3().pathStyle()).isFalse();
    assertThat(settings.s3().prefix()).isEqualTo("journal/");
    SearchSettings search = settings.search();
    assertThat(search.backend()).isEqualTo(SearchSettings.ELASTICSEARCH);
    assertThat(search.indexDir()).isNull();
    assertThat(search.indexer()).isFalse();
    assertThat(search.consumer()).isEqualTo("cluster");
    assertThat(search.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(search.totalHitCountThreshold()).isEqualTo(50_000);
    assertThat(search.properties()).containsEntry("hibernate.search.backend.hosts", "es1.internal:9200,es2.internal:9200")
        .containsEntry("hibernate.search.backend.protocol", "https");
    assertThat(config.archive().toString()).doesNotContain("from-the-environment");
  }

  @Test
  void aLuceneIndexElsewhereAndOnlyTheThresholdChanged() throws Exception {
    ArchiveSettings settings = GatewayArchive.settings(new ConfigLoader().parse(BASE + """
        archive:
          search:
            index-dir: /fast/index
            total-hit-count-threshold: 2000
        """, Map.of()));

    assertThat(settings.search().backend()).isEqualTo(SearchSettings.LUCENE);
    assertThat(settings.search().indexDir()).isEqualTo(Path.of("/fast/index"));
    assertThat(settings.search().consumer()).isEqualTo("default");
    assertThat(settings.search().totalHitCountThreshold()).isEqualTo(2000);
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + "archive: {pool-size: 0}\n", Map.of()))
        .hasMessageContaining("archive.pool-size");
    GatewayConfig solr = new ConfigLoader().parse(BASE + "archive: {search: {backend: solr}}\n", Map.of());
    assertThatThrownBy(() -> GatewayArchive.settings(solr)).hasMessageContaining("archive.search.backend");
    GatewayConfig noSecret = new ConfigLoader().parse(BASE + """
        archive:
          s3: {endpoint: "https://s3.example.eu", region: x, bucket: archive, access-key: k}
        """, Map.of());
    assertThatThrownBy(() -> GatewayArchive.settings(noSecret)).hasMessageContaining("archive.s3.secret-key");
    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + "archive: {search: {shards: 3}}\n", Map.of()))
        .hasMessageContaining("shards");
  }
}
