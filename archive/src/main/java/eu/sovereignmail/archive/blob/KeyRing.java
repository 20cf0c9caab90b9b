package eu.sovereignmail.archive.blob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import eu.sovereignmail.archive.blob.internal.OwnerOnlyFile;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal archived blobs, by key id: the active one encrypts, any of them decrypts, so
 * keys can be rotated without re-encrypting. Loaded from a key file (mode 600) or an environment variable,
 * never from the database. Its {@code toString} names key ids only.
 *
 * <p>Format (file lines, or entries separated by {@code ,} or {@code ;} in the variable):
 * {@code key.<id>=<base64 of 32 bytes>} for each key and {@code active=<id>}; a line starting with {@code #} is a comment.
 */
public final class KeyRing {
  /** The environment variable that {@link #fromEnvironment()} reads. */
  public static final String ENVIRONMENT_VARIABLE = "SOVEREIGN_ARCHIVE_KEYS";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int KEY_BYTES = 32;
  private static final DateTimeFormatter KEY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  private KeyRing(Map<String, SecretKey> keys, String activeKeyId) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.activeKeyId = activeKeyId;
  }

  /** Loads the key file at {@code file}; refuses one that group or others may access. */
  public static KeyRing fromFile(Path file) throws IOException {
    OwnerOnlyFile.require(file, "archive key file");
    return parse(Files.readString(file, StandardCharsets.UTF_8), "key file " + file);
  }

  /** Loads the keys from {@link #ENVIRONMENT_VARIABLE}. */
  public static KeyRing fromEnvironment() {
    String value = System.getenv(ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + ENVIRONMENT_VARIABLE + " is not set");
    }
    return parse(value, "environment variable " + ENVIRONMENT_VARIABLE);
  }

  /** Parses key-ring text; {@code source} names where it came from in error messages (never the text). */
  public static KeyRing parse(String text, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String active = null;
    List<String> entries = text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .flatMap(line -> Arrays.stream(line.split("[,;]")))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(source + ": an entry has no '=' (expected key.<id>=<base64> or active=<id>)");
      }
      String name = entry.substring(0, eq).strip();
      String value = entry.substring(eq + 1).strip();
      if (name.equals("active")) {
        active = value;
      } else if (name.startsWith("key.")) {
        String id = requireKeyId(name.substring(4), source);
        keys.put(id, decodeKey(id, value, source));
      } else {
        throw new IllegalArgumentException(source + ": unknown entry '" + name + "' (expected key.<id> or active)");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + ": holds no key.<id> entry");
    }
    if (active == null) {
      throw new IllegalArgumentException(source + ": has no active=<id> entry");
    }
    if (!keys.containsKey(active)) {
      throw new IllegalArgumentException(source + ": active key id '" + active + "' has no key.<id> entry");
    }
    return new KeyRing(keys, active);
  }

  /**
   * Writes a new key file with one fresh random key, active, readable by its owner only; returns the
   * key id. Refuses to overwrite an existing file. The launcher calls it on first run.
   */
  public static String createKeyFile(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "a key file exists; rotate it instead");
    }
    String id = newKeyId();
    write(file, Map.of(id, newKey()), id);
    return id;
  }

  /** Adds a fresh key to the key file at {@code file} and makes it active; old keys stay for decryption. */
  public static String rotateKeyFile(Path file) throws IOException {
    KeyRing current = fromFile(file);
    String id = newKeyId();
    Map<String, SecretKey> keys = new LinkedHashMap<>(current.keys);
    keys.put(id, newKey());
    write(file, keys, id);
    return id;
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  public SecretKey activeKey() {
    return keys.get(activeKeyId);
  }

  /** The key with {@code id}, if this ring holds it. */
  public Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  @Override
  public String toString() {
    return "KeyRing[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
  }

  private static String requireKeyId(String id, String source) {
    if (!KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(source + ": key id '" + id + "' must be 1-64 of [A-Za-z0-9_-]");
    }
    return id;
  }

  private static SecretKey decodeKey(String id, String base64, String source) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": key." + id + " is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(source + ": key." + id + " must be " + KEY_BYTES + " bytes (AES-256), not "
          + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  private static String newKeyId() {
    byte[] suffix = new byte[2];
    RANDOM.nextBytes(suffix);
    return "k" + ZonedDateTime.now(ZoneOffset.UTC).format(KEY_ID_TIME) + "-" + HexFormat.of().formatHex(suffix);
  }

  private static SecretKey newKey() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return new SecretKeySpec(bytes, "AES");
  }

  /** Writes the whole file beside itself, owner-only from creation, then renames it into place. */
  private static void write(Path file, Map<String, SecretKey> keys, String active) throws IOException {
    StringBuilder text = new StringBuilder("# Sovereign Mail archive keys: keep secret, keep backed up, never in the database.\n");
    keys.forEach((id, key) ->
        text.append("key.").append(id).append('=').append(Base64.getEncoder().encodeToString(key.getEncoded())).append('\n'));
    text.append("active=").append(active).append('\n');
    OwnerOnlyFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
