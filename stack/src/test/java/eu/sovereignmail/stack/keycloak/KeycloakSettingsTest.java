package eu.sovereignmail.stack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeycloakSettingsTest {
  private static final RealmImport REALM =
      RealmImport.of("{\"realm\":\"sovereign\",\"enabled\":true}".getBytes(StandardCharsets.UTF_8));
  private static final KeycloakDistribution DIST = new KeycloakDistribution("26.7.3", Path.of("kc.zip"));

  @Test
  void defaultsBindToLoopbackOnTheDesignPortsWithAnExplicitManagementPort() {
    KeycloakSettings settings = KeycloakSettings.defaults(Path.of("data/keycloak"), DIST, "admin", "s3cret-pass", REALM);

    assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
    assertThat(settings.httpPort()).isEqualTo(8180);
    assertThat(settings.managementPort()).isEqualTo(8180 + KeycloakSettings.MANAGEMENT_PORT_OFFSET);
    assertThat(settings.home()).isAbsolute();
    assertThat(settings.baseUrl()).hasToString("http://127.0.0.1:8180");
    assertThat(settings.issuer()).hasToString("http://127.0.0.1:8180/realms/sovereign");
    assertThat(settings.managementUrl()).hasToString("http://127.0.0.1:9000");
  }

  @Test
  void withPortsChangesOnlyThePorts() {
    KeycloakSettings settings =
        KeycloakSettings.defaults(Path.of("kc"), DIST, "admin", "s3cret-pass", REALM).withPorts(18180, 19000);

    assertThat(settings.baseUrl()).hasToString("http://127.0.0.1:18180");
    assertThat(settings.managementUrl()).hasToString("http://127.0.0.1:19000");
    assertThat(settings.adminUser()).isEqualTo("admin");
  }

  @Test
  void toStringNeverShowsTheAdminPassword() {
    KeycloakSettings settings = KeycloakSettings.defaults(Path.of("kc"), DIST, "admin", "s3cret-pass", REALM);

    assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("adminPassword=***");
  }

  @Test
  void invalidValuesAreRefusedWithTheKeyInTheMessage() {
    KeycloakSettings ok = KeycloakSettings.defaults(Path.of("kc"), DIST, "admin", "s3cret-pass", REALM);

    assertThatThrownBy(() -> ok.withPorts(8180, 8180)).hasMessageContaining("keycloak.management-port");
    assertThatThrownBy(() -> ok.withPorts(0, 9000)).hasMessageContaining("keycloak.http-port");
    assertThatThrownBy(() -> new KeycloakSettings(ok.home(), DIST, "0.0.0.0", 8180, 9000, "admin", "s3cret-pass",
        REALM, "512m", Duration.ofMinutes(1))).hasMessageContaining("keycloak.bind-host");
    assertThatThrownBy(() -> new KeycloakSettings(ok.home(), DIST, "127.0.0.1", 8180, 9000, "admin", "short",
        REALM, "512m", Duration.ofMinutes(1))).hasMessageContaining("keycloak.admin-password");
    assertThatThrownBy(() -> new KeycloakSettings(ok.home(), DIST, "127.0.0.1", 8180, 9000, "admin", "s3cret-pass",
        REALM, "lots", Duration.ofMinutes(1))).hasMessageContaining("keycloak.heap");
  }

  @Test
  void providersMustBeJarsAndOptionsSpiOptions() {
    KeycloakSettings ok = KeycloakSettings.defaults(Path.of("kc"), DIST, "admin", "s3cret-pass", REALM);

    KeycloakSettings with = ok.withProviders(List.of(Path.of("listener.jar")),
        Map.of("spi-events-listener--sovereign-mail--url", "http://127.0.0.1:8080/x"));
    assertThat(with.providers()).containsExactly(Path.of("listener.jar").toAbsolutePath());
    assertThat(with.withPorts(8181, 9001).spiOptions()).containsKey("spi-events-listener--sovereign-mail--url");
    assertThat(ok.providers()).isEmpty();
    assertThatThrownBy(() -> ok.withProviders(List.of(Path.of("listener.zip")), Map.of()))
        .hasMessageContaining("keycloak.providers");
    assertThatThrownBy(() -> ok.withProviders(List.of(), Map.of("http-port", "1")))
        .hasMessageContaining("spi-");
    assertThatThrownBy(() -> ok.withProviders(List.of(), Map.of("spi-x--y--z", "a\nb")))
        .hasMessageContaining("one-line");
  }

  @Test
  void realmImportReadsTheRealmNameAndRefusesFilesWithout() {
    assertThat(REALM.realmName()).isEqualTo("sovereign");
    assertThat(REALM.fileName()).isEqualTo("sovereign-realm.json");
    assertThatThrownBy(() -> RealmImport.of("{\"enabled\":true}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("realm");
    assertThatThrownBy(() -> RealmImport.of("not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void realmImportIsNotChangedThroughItsBytes() {
    byte[] bytes = REALM.json();
    bytes[0] = 'x';

    assertThat(REALM.json()[0]).isEqualTo((byte) '{');
  }
}
