package eu.sovereignmail.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String MINIMAL = """
      hostname: mx.example.eu
      data-dir: /var/lib/sovereign-mail
      database:
        url: jdbc:mariadb://db.internal:3306/sovereign_gateway
        user: gateway
      james:
        lmtp-port: 10024
        webadmin-port: 18000
      """;

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void minimalFileGetsProductionDefaults() throws Exception {
    GatewayConfig config = loader.parse(MINIMAL, Map.of());
    assertThat(config.smtp().mxPort()).isEqualTo(25);
    assertThat(config.smtp().submissionPort()).isEqualTo(587);
    assertThat(config.smtp().submissionsPort()).isEqualTo(465);
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sovereign-mail"));
    assertThat(config.routing().defaultRoute()).isEqualTo("SOVEREIGN");
    assertThat(config.routing().failoverWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.delivery().maxAge()).isEqualTo(Duration.ofDays(5));
    assertThat(config.legacyProvider()).isEmpty();
    assertThat(config.identityProvider()).isEmpty();
  }

  @Test
  void environmentOverridesAnyKeyIncludingOnesNotInTheFile() throws Exception {
    GatewayConfig config = loader.parse(MINIMAL + """
        legacy:
          host: inbound.legacy.example
          port: 25
        """, Map.of(
        "SOVEREIGN_DATABASE_PASSWORD", "from-env",
        "SOVEREIGN_SMTP_MX_PORT", "2525",
        "SOVEREIGN_ROUTING_FAILOVER_WINDOW", "10m",
        "SOVEREIGN_LEGACY_PASSWORD", "relay-secret"));
    assertThat(config.database().password()).isEqualTo("from-env");
    assertThat(config.database().toString()).doesNotContain("from-env");
    assertThat(config.smtp().mxPort()).isEqualTo(2525);
    assertThat(config.routing().failoverWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.legacy().password()).isEqualTo("relay-secret");
    assertThat(config.legacy().tls()).isEqualTo("REQUIRED");
    assertThat(config.legacy().toString()).doesNotContain("relay-secret");
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> loader.parse(MINIMAL + "smtp:\n  mx-prot: 25\n", Map.of()))
        .hasMessageContaining("unknown key 'smtp.mx-prot'");
    assertThatThrownBy(() -> loader.parse(MINIMAL + "routing:\n  failover-window: soon\n", Map.of()))
        .hasMessageContaining("routing.failover-window").hasMessageContaining("not a duration");
    assertThatThrownBy(() -> loader.parse(MINIMAL + "routing:\n  default-route: MAYBE\n", Map.of()))
        .hasMessageContaining("routing.default-route must be SOVEREIGN, LEGACY or DUAL");
    assertThatThrownBy(() -> loader.parse(MINIMAL.replace("jdbc:mariadb", "jdbc:postgresql"), Map.of()))
        .hasMessageContaining("database.url must be a jdbc:mariadb:// URL");
    assertThatThrownBy(() -> loader.parse(MINIMAL + "smtp:\n  mx-port: 70000\n", Map.of()))
        .hasMessageContaining("smtp.mx-port must be a port");
  }

  @Test
  void everyKeyHasAnEnvironmentName() {
    assertThat(ConfigLoader.keyPaths(GatewayConfig.class).stream().map(ConfigLoader::envName))
        .contains("SOVEREIGN_HOSTNAME", "SOVEREIGN_DATA_DIR", "SOVEREIGN_IDENTITY_CLIENT_SECRET",
            "SOVEREIGN_ARCHIVE_DATABASE_PASSWORD", "SOVEREIGN_OUTBOUND_SMARTHOST_HOST", "SOVEREIGN_OUTBOUND_SMARTHOST_PASSWORD",
            "SOVEREIGN_OUTBOUND_REMOTE_PORT", "SOVEREIGN_DKIM_KEY_DIR", "SOVEREIGN_AUTHENTICATION_DMARC_REJECT",
            "SOVEREIGN_DNS_TIMEOUT", "SOVEREIGN_TLS_PRIVATE_KEY", "SOVEREIGN_ARCHIVE_S3_SECRET_KEY",
            "SOVEREIGN_ARCHIVE_SEARCH_BACKEND", "SOVEREIGN_ARCHIVE_SEARCH_TOTAL_HIT_COUNT_THRESHOLD");
  }

  @Test
  void mailAuthenticationSections() throws Exception {
    GatewayConfig defaults = loader.parse(MINIMAL, Map.of());
    assertThat(defaults.outboundDelivery()).isEmpty();
    assertThat(defaults.dns().servers()).isEmpty();
    assertThat(defaults.dkimKeyDir()).isEqualTo(Path.of("/var/lib/sovereign-mail/dkim"));
    assertThat(defaults.authentication().enabled()).isTrue();
    assertThat(defaults.authentication().dmarcReject()).isEqualTo("TAG");
    assertThat(defaults.authservId()).isEqualTo("mx.example.eu");

    GatewayConfig direct = loader.parse(MINIMAL + """
        outbound:
          remote-port: 2525
          max-connections-per-domain: 2
        dns:
          servers: [127.0.0.1:5353, "[::1]:53"]
          timeout: 2s
        authentication:
          dmarc-reject: reject
          dmarc-quarantine: quarantine
        """, Map.of());
    assertThat(direct.outboundDelivery().orElseThrow().direct()).isTrue();
    assertThat(direct.outbound().remotePort()).isEqualTo(2525);
    assertThat(direct.outbound().mtaSts()).isTrue();
    assertThat(direct.dns().servers()).containsExactly("127.0.0.1:5353", "[::1]:53");
    assertThat(direct.authentication().dmarcReject()).isEqualTo("REJECT");

    GatewayConfig smarthost = loader.parse(MINIMAL + """
        outbound:
          mode: smarthost
          smarthost:
            host: relay.example.eu
            port: 587
            username: gateway
        """, Map.of("SOVEREIGN_OUTBOUND_SMARTHOST_PASSWORD", "s3cret"));
    assertThat(smarthost.outbound().direct()).isFalse();
    assertThat(smarthost.outbound().smarthost().password()).isEqualTo("s3cret");
    assertThat(smarthost.outbound().smarthost().tls()).isEqualTo("REQUIRED");

    assertThatThrownBy(() -> loader.parse(MINIMAL + "outbound:\n  mode: smarthost\n", Map.of()))
        .hasMessageContaining("outbound.smarthost");
    assertThatThrownBy(() -> loader.parse(MINIMAL + "authentication:\n  dmarc-quarantine: reject\n", Map.of()))
        .hasMessageContaining("authentication.dmarc-quarantine must be TAG or QUARANTINE");
  }

  @Test
  void theKeycloakPushEndpointIsOffUnlessItsSecretFileIsSet() throws Exception {
    assertThat(loader.parse(MINIMAL, Map.of()).push()).isEmpty();
    GatewayConfig config = loader.parse(MINIMAL + "provisioning-push:\n  secret-file: /etc/sovereign-mail/events.secret\n", Map.of());
    assertThat(config.push()).map(GatewayConfig.ProvisioningPush::secretFile)
        .contains(java.nio.file.Path.of("/etc/sovereign-mail/events.secret"));
    assertThat(loader.parse(MINIMAL, Map.of("SOVEREIGN_PROVISIONING_PUSH_SECRET_FILE", "/run/events.secret")).push()).isPresent();
  }
}
