package eu.sovereignmail.gateway.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakExtensionJarTest {
  @TempDir Path dir;

  @Test
  void findsTheBuiltJarInTheModulesTargetButNotItsSourcesOrTests() throws Exception {
    Path target = Files.createDirectories(dir.resolve("keycloak-extension").resolve("target"));
    Path jar = Files.writeString(target.resolve("sovereign-mail-keycloak-extension-0.1.0-SNAPSHOT.jar"), "jar");
    Path sources = Files.writeString(target.resolve("sovereign-mail-keycloak-extension-0.1.0-SNAPSHOT-sources.jar"), "src");
    Files.writeString(target.resolve("original-other.jar"), "x");
    Files.setLastModifiedTime(sources, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    assertThat(KeycloakExtensionJar.locate(dir, new URLClassLoader(new URL[0], null))).contains(jar);
  }

  @Test
  void nothingBuiltIsEmpty() throws Exception {
    assertThat(KeycloakExtensionJar.locate(dir, new URLClassLoader(new URL[0], null))).isEmpty();
  }

  @Test
  void aJarOnTheClassPathWins() throws Exception {
    Path jar = dir.resolve("shipped listener.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      zip.putNextEntry(new JarEntry(KeycloakExtensionJar.MARKER));
      zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
      zip.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(KeycloakExtensionJar.locate(dir, loader)).contains(jar);
    }
  }
}
