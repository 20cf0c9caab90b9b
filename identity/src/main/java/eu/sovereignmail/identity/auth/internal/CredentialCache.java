package eu.sovereignmail.identity.auth.internal;

import eu.sovereignmail.identity.auth.Principal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords that Keycloak accepted, kept only as PBKDF2-HMAC-SHA256 hashes with a per-entry salt, keyed by
 * login (lower case), with the principal and when Keycloak last confirmed them. Thread-safe.
 */
public final class CredentialCache {
  /** Cost of one cached check: slows an attacker who reads the process memory, not a login (see the README). */
  static final int ITERATIONS = 10_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A cached credential: its salted hash, whom it proved, and when Keycloak last said so. */
  public record Entry(byte[] salt, byte[] hash, Principal principal, Instant verifiedAt) {}

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** The entry of {@code loginKey} if {@code password} is the one it holds (compared in constant time). */
  public Optional<Entry> matching(String loginKey, String password) {
    Entry entry = entries.get(loginKey);
    if (entry == null || !MessageDigest.isEqual(entry.hash(), hash(password, entry.salt()))) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  /** Records that Keycloak accepted {@code password} for {@code loginKey} at {@code now}. */
  public void put(String loginKey, String password, Principal principal, Instant now) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    entries.put(loginKey, new Entry(salt, hash(password, salt), principal, now));
  }

  /** Drops the entry of {@code loginKey} if it is still {@code entry} (a newer one is kept). */
  public void remove(String loginKey, Entry entry) {
    entries.remove(loginKey, entry);
  }

  /** Drops every entry of {@code username} (whatever login it was cached under); returns how many. */
  public int removeUser(String username) {
    int before = entries.size();
    entries.values().removeIf(e -> e.principal().username().equalsIgnoreCase(username));
    return before - entries.size();
  }

  /** Drops entries last confirmed before {@code oldest}: past the outage grace they can never be used. */
  public void removeOlderThan(Instant oldest) {
    entries.values().removeIf(e -> e.verifiedAt().isBefore(oldest));
  }

  public int size() {
    return entries.size();
  }

  private static byte[] hash(String password, byte[] salt) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
