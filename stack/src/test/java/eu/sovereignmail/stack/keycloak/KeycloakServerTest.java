package eu.sovereignmail.stack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.stack.process.ChildProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakServerTest {
  private final KeycloakSettings settings = KeycloakSettings.defaults(
      Path.of("/srv/data/keycloak"), new KeycloakDistribution("26.7.3", Path.of("kc.zip")), "admin", "s3cret-pass",
      RealmImport.of("{\"realm\":\"sovereign\"}".getBytes(StandardCharsets.UTF_8)));

  @Test
  void runsDevModeOnLoopbackWithBothPortsSetHealthAndRealmImport() {
    List<String> command = KeycloakServer.command(settings, Path.of("/srv/data/keycloak/keycloak-26.7.3"));

    assertThat(command.get(0)).isEqualTo("/srv/data/keycloak/keycloak-26.7.3/bin/kc.sh");
    assertThat(command).contains(
        "start-dev",
        "--http-host=127.0.0.1",
        "--http-port=8180",
        "--http-management-host=127.0.0.1",
        "--http-management-port=9000",
        "--hostname=http://127.0.0.1:8180",
        "--health-enabled=true",
        "--import-realm",
        "-Dkc.db-url-path=/srv/data/keycloak");
    assertThat(String.join(" ", command)).doesNotContain("s3cret-pass");
  }

  @Test
  void spiOptionsFollowTheStacksOwnInAStableOrder() {
    KeycloakSettings withListener = settings.withProviders(List.of(), Map.of(
        "spi-events-listener--sovereign-mail--url", "http://127.0.0.1:8080/api/provisioning/events",
        "spi-events-listener--sovereign-mail--secret-file", "/srv/data/events.secret"));
    List<String> command = KeycloakServer.command(withListener, Path.of("/kc"));

    assertThat(command.subList(command.size() - 2, command.size())).containsExactly(
        "--spi-events-listener--sovereign-mail--secret-file=/srv/data/events.secret",
        "--spi-events-listener--sovereign-mail--url=http://127.0.0.1:8080/api/provisioning/events");
  }

  @Test
  void providersBecomeTheOnlyJarsInProvidersAndUnchangedOnesAreNotRewritten(@TempDir Path dir) throws Exception {
    Path install = dir.resolve("kc");
    Path providers = Files.createDirectories(install.resolve("providers"));
    Files.writeString(providers.resolve("README.md"), "keep");
    Files.writeString(providers.resolve("old-listener.jar"), "old");
    Path jar = Files.writeString(dir.resolve("listener.jar"), "jar bytes");

    KeycloakServer.installProviders(install, List.of(jar));
    assertThat(providers.resolve("listener.jar")).hasContent("jar bytes");
    assertThat(providers.resolve("old-listener.jar")).doesNotExist();
    assertThat(providers.resolve("README.md")).exists();

    FileTime installed = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(providers.resolve("listener.jar"), installed);
    KeycloakServer.installProviders(install, List.of(jar));
    assertThat(Files.getLastModifiedTime(providers.resolve("listener.jar"))).isEqualTo(installed);

    Files.writeString(jar, "new jar bytes");
    KeycloakServer.installProviders(install, List.of(jar));
    assertThat(providers.resolve("listener.jar")).hasContent("new jar bytes");

    KeycloakServer.installProviders(install, List.of());
    assertThat(providers.resolve("listener.jar")).doesNotExist();
    assertThatThrownBy(() -> KeycloakServer.installProviders(install, List.of(dir.resolve("missing.jar"))))
        .hasMessageContaining("missing.jar");
  }

  @Test
  void bootstrapAdministratorIsPassedOnlyOnTheFirstStart() {
    Map<String, String> first = KeycloakServer.environment(settings, true);
    Map<String, String> later = KeycloakServer.environment(settings, false);

    assertThat(first).containsEntry("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
        .containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "s3cret-pass");
    assertThat(later).doesNotContainKeys("KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD");
    assertThat(later).containsEntry("JAVA_HOME", ChildProcess.currentJavaHome().toString())
        .containsEntry("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
  }
}
