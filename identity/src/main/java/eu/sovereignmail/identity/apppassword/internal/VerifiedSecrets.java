package eu.sovereignmail.identity.apppassword.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * App-password secrets that passed their Argon2id check a moment ago, so that a device reconnecting within the TTL
 * costs one HMAC instead of Argon2id. Only a salted HMAC-SHA256 of each secret is kept, under a random key made at
 * start and never written anywhere; a fast hash is enough because an app password has 79 bits of entropy (guessing
 * it from the HMAC is as hopeless as guessing it at the login prompt), which is not true of the user-chosen passwords
 * that identity's Keycloak credential cache keeps. An entry names the app password it proved (by id): the caller
 * accepts it only while that password is still active, and revocations drop entries at once. Bounded: at most
 * {@code perLogin} entries per login and {@code maxLogins} logins, least recently used dropped first. Thread-safe.
 */
public final class VerifiedSecrets {
  private static final String MAC = "HmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One verified secret: its salted keyed hash, the app password it matched, and when Argon2id said so. */
  private record Verified(byte[] salt, byte[] mac, String passwordId, String username, Instant verifiedAt) {}

  private final SecretKeySpec key;
  private final Duration ttl;
  private final int perLogin;
  private final LinkedHashMap<String, List<Verified>> byLogin;
  private final AtomicLong hits = new AtomicLong();

  /**
   * @param ttl how long after its Argon2id check an entry is used; zero keeps nothing
   * @param maxLogins logins kept at most
   * @param perLogin entries kept per login at most (a device each)
   */
  public VerifiedSecrets(Duration ttl, int maxLogins, int perLogin) {
    if (ttl.isNegative() || maxLogins < 1 || perLogin < 1) {
      throw new IllegalArgumentException("ttl must not be negative, maxLogins and perLogin must be positive");
    }
    byte[] keyBytes = new byte[32];
    RANDOM.nextBytes(keyBytes);
    this.key = new SecretKeySpec(keyBytes, MAC);
    this.ttl = ttl;
    this.perLogin = perLogin;
    this.byLogin = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<Verified>> eldest) {
        return size() > maxLogins;
      }
    };
  }

  /**
   * The id of the app password that {@code secret} (canonical form) proved for {@code loginKey} less than the TTL
   * before {@code now}; empty for any other secret (compared in constant time), an unknown login or an old entry.
   */
  public Optional<String> lookup(String loginKey, String secret, Instant now) {
    List<Verified> entries;
    synchronized (byLogin) {
      entries = byLogin.get(loginKey);
    }
    if (entries == null) {
      return Optional.empty();
    }
    for (Verified entry : entries) {
      if (fresh(entry, now) && MessageDigest.isEqual(entry.mac(), mac(entry.salt(), loginKey, secret))) {
        hits.incrementAndGet();
        return Optional.of(entry.passwordId());
      }
    }
    return Optional.empty();
  }

  /**
   * Records that {@code secret} (canonical form) passed the Argon2id check of app password {@code passwordId} of
   * {@code username} for {@code loginKey} at {@code now}. Replaces an older entry of the same password for that login.
   */
  public void put(String loginKey, String secret, String passwordId, String username, Instant now) {
    if (ttl.isZero()) {
      return;
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Verified added = new Verified(salt, mac(salt, loginKey, secret), passwordId, username, now);
    synchronized (byLogin) {
      List<Verified> kept = new ArrayList<>(perLogin);
      kept.add(added);
      for (Verified old : byLogin.getOrDefault(loginKey, List.of())) {
        if (kept.size() < perLogin && !old.passwordId().equals(passwordId) && fresh(old, now)) {
          kept.add(old);
        }
      }
      byLogin.put(loginKey, List.copyOf(kept));
    }
  }

  /** Drops the entries of app password {@code passwordId} (revoked); returns how many. */
  public int removePassword(String passwordId) {
    return removeIf(entry -> entry.passwordId().equals(passwordId));
  }

  /** Drops the entries of every app password of {@code username} (all revoked), under any login; returns how many. */
  public int removeUser(String username) {
    return removeIf(entry -> entry.username().equals(username));
  }

  /** Keeps only entries of app passwords for which {@code active} holds (after a reload); returns how many went. */
  public int retainPasswords(Predicate<String> active) {
    return removeIf(entry -> !active.test(entry.passwordId()));
  }

  /** Drops entries past the TTL at {@code now}; returns how many. */
  public int removeExpired(Instant now) {
    return removeIf(entry -> !fresh(entry, now));
  }

  /** Entries held (all logins). */
  public int size() {
    synchronized (byLogin) {
      return byLogin.values().stream().mapToInt(List::size).sum();
    }
  }

  /** Lookups answered from the cache since start. */
  public long hits() {
    return hits.get();
  }

  private int removeIf(Predicate<Verified> gone) {
    int removed = 0;
    synchronized (byLogin) {
      var logins = byLogin.entrySet().iterator();
      while (logins.hasNext()) {
        var login = logins.next();
        List<Verified> kept = login.getValue().stream().filter(gone.negate()).toList();
        removed += login.getValue().size() - kept.size();
        if (kept.isEmpty()) {
          logins.remove();
        } else if (kept.size() != login.getValue().size()) {
          login.setValue(kept);
        }
      }
    }
    return removed;
  }

  private boolean fresh(Verified entry, Instant now) {
    return now.isBefore(entry.verifiedAt().plus(ttl)) && !now.isBefore(entry.verifiedAt());
  }

  private byte[] mac(byte[] salt, String loginKey, String secret) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      mac.update(salt);
      mac.update(loginKey.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
