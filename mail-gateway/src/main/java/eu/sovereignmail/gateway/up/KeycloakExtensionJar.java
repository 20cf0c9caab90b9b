package eu.sovereignmail.gateway.up;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the built {@code sovereign-mail} Keycloak event-listener jar that {@code up} installs into its Keycloak: on
 * the class path when the gateway ships it as a dependency, else in the project's {@code keycloak-extension/target/}
 * (the launcher builds the whole project before {@code up} runs).
 */
final class KeycloakExtensionJar {
  static final String ARTIFACT = "sovereign-mail-keycloak-extension";
  /** A class only the extension has: where it is loaded from is the jar. */
  static final String MARKER = "eu/sovereignmail/keycloak/events/SovereignMailEventListenerFactory.class";

  private KeycloakExtensionJar() {}

  /** The jar, or empty when the extension was not built. */
  static Optional<Path> locate(Path home, ClassLoader loader) throws IOException {
    Optional<Path> onClassPath = fromClassPath(loader);
    return onClassPath.isPresent() ? onClassPath : fromBuild(home.resolve("keycloak-extension").resolve("target"));
  }

  /** The jar that holds {@link #MARKER} on {@code loader}'s class path (a directory of classes does not count). */
  static Optional<Path> fromClassPath(ClassLoader loader) {
    URL url = loader.getResource(MARKER);
    if (url == null || !"jar".equals(url.getProtocol())) {
      return Optional.empty();
    }
    String spec = url.getPath(); // file:/.../x.jar!/eu/...
    int bang = spec.indexOf("!/");
    if (bang < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(new URL(spec.substring(0, bang)).toURI()));
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The newest {@value #ARTIFACT}-<version>.jar in a module's {@code target/} (not its sources or tests jar). */
  static Optional<Path> fromBuild(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.startsWith(ARTIFACT + "-") && name.endsWith(".jar")
                && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar");
          })
          .max(Comparator.comparing(KeycloakExtensionJar::modified));
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
