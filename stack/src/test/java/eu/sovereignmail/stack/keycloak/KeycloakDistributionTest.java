package eu.sovereignmail.stack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistributionTest {
  @TempDir Path dir;

  @Test
  void locateFindsTheZipThatMavenResolvedForThisBuild() throws IOException {
    KeycloakDistribution distribution = KeycloakDistribution.locate();

    assertThat(distribution.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(distribution.zip()).isRegularFile();
    assertThat(distribution.zip().getFileName().toString())
        .isEqualTo("keycloak-quarkus-dist-" + distribution.version() + ".zip");
  }

  @Test
  void unpacksOnceIntoAVersionedDirectoryWithExecutableScripts() throws IOException {
    Path zip = zip(Map.of(
        "keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\n",
        "keycloak-9.9.9/lib/quarkus-run.jar", "jar",
        "keycloak-9.9.9/conf/keycloak.conf", "# conf\n"));
    KeycloakDistribution distribution = new KeycloakDistribution("9.9.9", zip);
    Path home = dir.resolve("home");

    Path installed = distribution.unpack(home);

    assertThat(installed).isEqualTo(home.toAbsolutePath().resolve("keycloak-9.9.9"));
    assertThat(installed.resolve("bin/kc.sh")).isExecutable();
    assertThat(installed.resolve("lib/quarkus-run.jar")).hasContent("jar");
    try (var entries = Files.list(home)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("keycloak-9.9.9");
    }

    // A second unpack keeps what is there (Keycloak's build state and data live in it).
    Files.writeString(installed.resolve("conf/keycloak.conf"), "# changed by the server\n");
    assertThat(distribution.unpack(home)).isEqualTo(installed);
    assertThat(installed.resolve("conf/keycloak.conf")).hasContent("# changed by the server");
  }

  @Test
  void replacesAnIncompleteUnpackAndRemovesStaleTemporaryDirectories() throws IOException {
    Path zip = zip(Map.of("keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\n"));
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("keycloak-9.9.9/bin"));
    Files.writeString(home.resolve("keycloak-9.9.9/bin/half-written"), "x");
    Files.createDirectories(home.resolve(".unpack-stale/keycloak-9.9.9"));

    Path installed = new KeycloakDistribution("9.9.9", zip).unpack(home);

    assertThat(installed.resolve("bin/half-written")).doesNotExist();
    assertThat(installed.resolve("bin/kc.sh")).exists();
    assertThat(home.resolve(".unpack-stale")).doesNotExist();
  }

  @Test
  void refusesEntriesThatEscapeTheHomeAndLeavesNothingBehind() throws IOException {
    Path zip = zip(Map.of("keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\n", "keycloak-9.9.9/../../evil", "x"));
    Path home = dir.resolve("home");

    assertThatThrownBy(() -> new KeycloakDistribution("9.9.9", zip).unpack(home))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("escapes");
    try (var entries = Files.list(home)) {
      assertThat(entries).isEmpty();
    }
    assertThat(dir.resolve("evil")).doesNotExist();
  }

  @Test
  void refusesAZipThatIsNotAKeycloakDistribution() throws IOException {
    Path zip = zip(Map.of("README.md", "hello"));

    assertThatThrownBy(() -> new KeycloakDistribution("9.9.9", zip).unpack(dir.resolve("home")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Keycloak distribution");
  }

  private Path zip(Map<String, String> entries) throws IOException {
    Path zip = Files.createTempFile(dir, "dist", ".zip");
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
      for (var entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }
}
