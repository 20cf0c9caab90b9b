package eu.sovereignmail.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapConfigTest {
  private static final String BASE = """
      hostname: mail.example.eu
      data-dir: /tmp/x
      database: {url: "jdbc:mariadb://127.0.0.1/g", user: g}
      james: {host: 127.0.0.1}
      """;

  @Test
  void withoutTheSectionThereAreNoImapDoorsAndAutoconfigHasDefaults() throws Exception {
    GatewayConfig config = new ConfigLoader().parse(BASE, Map.of());
    assertThat(config.imapDoors()).isEmpty();
    assertThat(config.autoconfig().imapsPort()).isEqualTo(993);
    assertThat(config.autoconfig().submissionPort()).isEqualTo(587);
  }

  @Test
  void theSectionHasProductionDefaultsAndTheSecretMayComeFromTheEnvironment() throws Exception {
    GatewayConfig config = new ConfigLoader().parse(BASE + """
        imap:
          backend-port: 10143
          backend-admin-user: admin@james.local
          idle-timeout: 45m
        autoconfig:
          imap-host: imap.example.eu
        """, Map.of("SOVEREIGN_IMAP_BACKEND_ADMIN_PASSWORD", "s3cret"));
    GatewayConfig.Imap imap = config.imapDoors().orElseThrow();
    assertThat(imap.port()).isEqualTo(143);
    assertThat(imap.tlsPort()).isEqualTo(993);
    assertThat(imap.backendAdminPassword()).isEqualTo("s3cret");
    assertThat(imap.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(imap.loginTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(imap.toString()).doesNotContain("s3cret");
    assertThat(config.autoconfig().imapHost()).isEqualTo("imap.example.eu");
  }

  @Test
  void missingBackendSettingsNameTheKey() {
    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + "imap:\n  port: 143\n", Map.of()))
        .hasMessageContaining("imap.backend-port");
  }

  @Test
  void thePlaintextDoorIsOffByDefaultAndOnlyOnLoopback() throws Exception {
    String section = "imap:\n  backend-port: 10143\n  backend-admin-user: admin@james.local\n"
        + "  backend-admin-password: pw\n";
    GatewayConfig.Imap off = new ConfigLoader().parse(BASE + section, Map.of()).imapDoors().orElseThrow();
    assertThat(off.plainPort()).isEqualTo(-1);

    GatewayConfig.Imap on = new ConfigLoader().parse(BASE + section + "  plain-port: 1143\n", Map.of())
        .imapDoors().orElseThrow();
    assertThat(on.plainPort()).isEqualTo(1143);
    assertThat(on.plainBind()).isEqualTo("127.0.0.1");

    assertThatThrownBy(() -> new ConfigLoader().parse(BASE + section + "  plain-port: 1143\n  plain-bind: 0.0.0.0\n",
        Map.of())).hasMessageContaining("imap.plain-bind");
  }
}
