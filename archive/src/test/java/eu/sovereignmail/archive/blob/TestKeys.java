package eu.sovereignmail.archive.blob;

import java.security.SecureRandom;
import java.util.Base64;

/** Key-ring text with fresh random keys, for tests that seal blobs. */
public final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /** A ring holding a fresh key for each of {@code ids}, the first one active. */
  public static KeyRing ring(String... ids) {
    return KeyRing.parse(text(ids), "test keys");
  }

  /** Key-ring text holding a fresh key for each of {@code ids}, the first one active. */
  public static String text(String... ids) {
    StringBuilder text = new StringBuilder();
    for (String id : ids) {
      text.append("key.").append(id).append('=').append(freshKey()).append('\n');
    }
    return text.append("active=").append(ids[0]).append('\n').toString();
  }

  /** A fresh base64 AES-256 key. */
  public static String freshKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
