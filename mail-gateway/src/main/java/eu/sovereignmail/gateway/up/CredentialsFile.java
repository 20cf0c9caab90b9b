package eu.sovereignmail.gateway.up;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A properties file of generated secrets, readable only by its owner (mode 600): values are created on
 * first use and kept, so a second {@code up} finds the same passwords.
 */
public final class CredentialsFile {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private final TreeMap<String, String> values;

  private CredentialsFile(Path path, TreeMap<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /** Reads {@code path} if it exists; an absent file is an empty one. */
  public static CredentialsFile open(Path path) throws IOException {
    TreeMap<String, String> values = new TreeMap<>();
    if (Files.exists(path)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties.forEach((k, v) -> values.put((String) k, (String) v));
    }
    return new CredentialsFile(path, values);
  }

  /** A random password of 24 URL-safe characters (144 bits). */
  public static String randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The value of {@code key}, created with {@code generator} (and remembered) when absent. */
  public synchronized String getOrCreate(String key, Supplier<String> generator) {
    return values.computeIfAbsent(key, k -> generator.get());
  }

  /** The value of {@code key}, created as a {@link #randomPassword()} when absent. */
  public String secret(String key) {
    return getOrCreate(key, CredentialsFile::randomPassword);
  }

  public synchronized Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  public Path path() {
    return path;
  }

  /** Writes every value back, atomically, with owner-only permissions. */
  public synchronized void save(String comment) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(path.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      Files.createFile(temp);
    }
    Properties properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      properties.store(writer, comment);
    }
    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
