package eu.sovereignmail.stack.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution zip that Maven fetched and cached, and its one-time, atomic unpacking
 * into a Keycloak home, so that {@code up} needs no download of its own.
 */
public record KeycloakDistribution(String version, Path zip) {
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakDistribution.class);
  private static final String LOCATOR = "distribution.properties";
  private static final String UNPACKED_MARKER = ".sovereign-unpacked";
  private static final String TEMP_PREFIX = ".unpack-";

  public KeycloakDistribution {
    Objects.requireNonNull(version, "version");
    zip = Objects.requireNonNull(zip, "zip").toAbsolutePath().normalize();
  }

  /**
   * The distribution recorded by the build of this module (the resolved {@code keycloak-quarkus-dist} zip in
   * the local Maven repository), or, when that path is gone, the same version in {@code ~/.m2/repository}.
   */
  public static KeycloakDistribution locate() throws IOException {
    Properties recorded = new Properties();
    try (InputStream in = KeycloakDistribution.class.getResourceAsStream(LOCATOR)) {
      if (in == null) {
        throw new IOException("class path resource " + LOCATOR + " is missing: rebuild with ./mvnw -pl stack install");
      }
      recorded.load(in);
    }
    String version = recorded.getProperty("version", "");
    String zip = recorded.getProperty("zip", "");
    if (version.isBlank() || version.startsWith("${")) {
      throw new IOException(LOCATOR + " was not filtered by Maven: rebuild with ./mvnw -pl stack install");
    }
    if (!zip.isBlank() && !zip.startsWith("${") && Files.isRegularFile(Path.of(zip))) {
      return new KeycloakDistribution(version, Path.of(zip));
    }
    Path fallback = Path.of(System.getProperty("maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()))
        .resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", version, "keycloak-quarkus-dist-" + version + ".zip"));
    if (Files.isRegularFile(fallback)) {
      return new KeycloakDistribution(version, fallback);
    }
    throw new IOException("Keycloak distribution " + version + " not found at " + zip + " nor " + fallback
        + ": fetch it with ./mvnw -pl stack install (Maven resolves org.keycloak:keycloak-quarkus-dist:zip)");
  }

  /** The directory the distribution unpacks to under {@code home}: one per version. */
  public Path installDir(Path home) {
    return home.toAbsolutePath().normalize().resolve("keycloak-" + version);
  }

  /**
   * Unpacks the zip into {@link #installDir(Path)} unless that version is already there. The zip is expanded
   * into a temporary directory beside it and renamed into place, so a crash never leaves half a distribution
   * that a later start would trust. Returns the install directory.
   */
  public Path unpack(Path home) throws IOException {
    Path target = installDir(home);
    if (Files.isRegularFile(target.resolve(UNPACKED_MARKER))) {
      return target;
    }
    Path root = target.getParent();
    Files.createDirectories(root);
    deleteStaleTemporaryDirectories(root);
    if (Files.exists(target)) {
      // No marker: left over from an unpack that did not complete the old, non-atomic way. Never trusted.
      deleteRecursively(target);
    }
    long started = System.nanoTime();
    Path temp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.createDirectories(temp);
      expand(zip, temp);
      Path unpacked = singleTopDirectory(temp);
      try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
        scripts.filter(p -> p.getFileName().toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true, false));
      }
      Files.writeString(unpacked.resolve(UNPACKED_MARKER), version + "\n");
      try {
        Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        if (!Files.isRegularFile(target.resolve(UNPACKED_MARKER))) {
          throw e;
        }
        // Another process unpacked the same version meanwhile: use theirs.
      }
    } finally {
      deleteRecursively(temp);
    }
    LOG.info("event=keycloak.unpack version={} dir={} ms={}", version, target, (System.nanoTime() - started) / 1_000_000);
    return target;
  }

  private static void expand(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("zip entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path singleTopDirectory(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      var all = entries.toList();
      if (all.size() != 1 || !Files.isDirectory(all.get(0)) || !Files.isDirectory(all.get(0).resolve("bin"))) {
        throw new IOException("not a Keycloak distribution (expected one top directory with bin/): " + all);
      }
      return all.get(0);
    }
  }

  private static void deleteStaleTemporaryDirectories(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      for (Path stale : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
        deleteRecursively(stale);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
