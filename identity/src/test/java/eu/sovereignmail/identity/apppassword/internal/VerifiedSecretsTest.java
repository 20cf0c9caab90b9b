package eu.sovereignmail.identity.apppassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verified-secret cache alone: exact secret and login only, TTL, removals, bounds. */
class VerifiedSecretsTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String SECRET = "k7pq3mzxvw2nd8hc";

  private final VerifiedSecrets cache = new VerifiedSecrets(Duration.ofMinutes(5), 3, 2);

  @Test
  void theSameSecretForTheSameLoginIsRecognisedWithinTheTtlOnly() {
    cache.put("alice", SECRET, "id1", "alice", T0);

    assertThat(cache.lookup("alice", SECRET, T0)).contains("id1");
    assertThat(cache.lookup("alice", SECRET, T0.plus(Duration.ofMinutes(5)).minusMillis(1))).contains("id1");
    assertThat(cache.lookup("alice", SECRET, T0.plus(Duration.ofMinutes(5)))).isEmpty();
    assertThat(cache.lookup("alice", SECRET, T0.minusSeconds(1))).isEmpty(); // a clock that went back: not trusted
    assertThat(cache.hits()).isEqualTo(2);
  }

  @Test
  void anyOtherSecretOrLoginIsAMissAndNeverAHit() {
    cache.put("alice", SECRET, "id1", "alice", T0);

    assertThat(cache.lookup("alice", "k7pq3mzxvw2nd8hd", T0)).isEmpty();
    assertThat(cache.lookup("alice", "", T0)).isEmpty();
    assertThat(cache.lookup("bob", SECRET, T0)).isEmpty();
    assertThat(cache.lookup("alice@example.eu", SECRET, T0)).isEmpty();
    assertThat(cache.hits()).isZero();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void revocationsDropEntriesByPasswordByUserOrByWhatIsStillActive() {
    cache.put("alice", SECRET, "id1", "alice", T0);
    cache.put("alice@example.eu", SECRET, "id1", "alice", T0);
    cache.put("alice", "other0secret0two", "id2", "alice", T0);
    cache.put("bob", "bobs0secret00abc", "id3", "bob", T0);

    assertThat(cache.removePassword("id1")).isEqualTo(2);
    assertThat(cache.lookup("alice", SECRET, T0)).isEmpty();
    assertThat(cache.lookup("alice", "other0secret0two", T0)).contains("id2");

    assertThat(cache.removeUser("alice")).isEqualTo(1);
    assertThat(cache.lookup("alice", "other0secret0two", T0)).isEmpty();

    assertThat(cache.retainPasswords(id -> !id.equals("id3"))).isEqualTo(1);
    assertThat(cache.size()).isZero();
  }

  @Test
  void expiredEntriesArePruned() {
    cache.put("alice", SECRET, "id1", "alice", T0);
    cache.put("bob", "bobs0secret00abc", "id3", "bob", T0.plus(Duration.ofMinutes(3)));

    assertThat(cache.removeExpired(T0.plus(Duration.ofMinutes(6)))).isEqualTo(1);
    assertThat(cache.lookup("bob", "bobs0secret00abc", T0.plus(Duration.ofMinutes(6)))).contains("id3");
  }

  @Test
  void boundedPerLoginAndInLoginsLeastRecentlyUsedFirst() {
    cache.put("alice", "secret0number001", "id1", "alice", T0);
    cache.put("alice", "secret0number002", "id2", "alice", T0);
    cache.put("alice", "secret0number003", "id3", "alice", T0); // a third device: the oldest entry goes
    assertThat(cache.lookup("alice", "secret0number001", T0)).isEmpty();
    assertThat(cache.lookup("alice", "secret0number003", T0)).contains("id3");
    assertThat(cache.size()).isEqualTo(2);

    cache.put("bob", "bobs0secret00abc", "id4", "bob", T0);
    cache.put("carol", "carols0secret0ab", "id5", "carol", T0);
    cache.lookup("alice", "secret0number002", T0); // alice used last: bob is now the least recent
    cache.put("dave", "daves0secret0abc", "id6", "dave", T0);

    assertThat(cache.lookup("bob", "bobs0secret00abc", T0)).isEmpty();
    assertThat(cache.lookup("alice", "secret0number002", T0)).contains("id2");
    assertThat(cache.lookup("dave", "daves0secret0abc", T0)).contains("id6");
  }

  @Test
  void aRepeatedVerificationReplacesTheEntryOfThatPassword() {
    cache.put("alice", SECRET, "id1", "alice", T0);
    cache.put("alice", SECRET, "id1", "alice", T0.plus(Duration.ofMinutes(4)));

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.lookup("alice", SECRET, T0.plus(Duration.ofMinutes(8)))).contains("id1");
  }

  @Test
  void aZeroTtlKeepsNothing() {
    VerifiedSecrets off = new VerifiedSecrets(Duration.ZERO, 10, 10);
    off.put("alice", SECRET, "id1", "alice", T0);
    assertThat(off.size()).isZero();
    assertThat(off.lookup("alice", SECRET, T0)).isEmpty();
  }
}
