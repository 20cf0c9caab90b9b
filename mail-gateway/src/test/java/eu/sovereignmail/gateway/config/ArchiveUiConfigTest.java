package eu.sovereignmail.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legal UI's keys under {@code http.archive-ui}: defaults that fit {@code up}, overrides, errors naming the key. */
class ArchiveUiConfigTest {
  private static final String BASE = """
      hostname: mail.example.eu
      data-dir: /tmp/x
      database: {url: "jdbc:mariadb://127.0.0.1/g", user: g}
      james: {host: 127.0.0.1}
      """;

  @Test
  void defaultsServeTheUiOnTheGatewaysOwnAddress() throws Exception {
    GatewayConfig config = new ConfigLoader().parse(BASE, Map.of());
    GatewayConfig.ArchiveUi ui = config.http().archiveUi();
    assertThat(ui.enabled()).isTrue();
    assertThat(ui.clientId()).isEqualTo("sovereign-archive-ui");
    assertThat(ui.publicUrlOr(config.bind(), config.http().port())).isEqualTo(URI.create("http://127.0.0.1:8080/archive/"));
    assertThat(ui.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(ui.absoluteTimeout()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void keysAndEnvironmentOverrides() throws Exception {
    GatewayConfig config = new ConfigLoader().parse(BASE + """
        http:
          port: 8443
          archive-ui:
            realm-url: https://id.example.eu/realms/sovereign
            idle-timeout: 15m
        """, Map.of("SOVEREIGN_HTTP_ARCHIVE_UI_PUBLIC_URL", "https://mail.example.eu/archive/"));
    GatewayConfig.ArchiveUi ui = config.http().archiveUi();
    assertThat(ui.publicUrlOr(config.bind(), 8443)).isEqualTo(URI.create("https://mail.example.eu/archive/"));
    assertThat(ui.realmUrl()).isEqualTo(URI.create("https://id.example.eu/realms/sovereign"));
    assertThat(ui.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + """
        http:
          archive-ui:
            public-url: https://mail.example.eu/legal/
        """, Map.of())).hasMessageContaining("http.archive-ui.public-url");
    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + """
        http:
          archive-ui:
            idle-timeout: 9h
        """, Map.of())).hasMessageContaining("http.archive-ui.absolute-timeout");
  }
}
