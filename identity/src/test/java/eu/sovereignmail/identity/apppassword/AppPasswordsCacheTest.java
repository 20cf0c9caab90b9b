package eu.sovereignmail.identity.apppassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.identity.auth.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's verified-secret cache: a device reconnecting within the TTL skips Argon2id and the database, a wrong
 * secret is never answered from it, and every kind of revocation empties it at once.
 */
class AppPasswordsCacheTest {
  private static final Account ALICE = new Account("alice", "alice@example.eu");
  private static final Duration TTL = Duration.ofMinutes(5);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final InMemoryAppPasswordRepository repository = new InMemoryAppPasswordRepository();
  private final AppPasswords store = AppPasswords.open(repository, AppPasswordSettings.defaults().withCache(TTL, 100), clock);

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRepeatLoginWithinTheTtlIsAnsweredFromTheCacheWithoutTheDatabase() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    assertThat(store.verify("alice", phone.secret())).isPresent(); // Argon2id, then cached
    assertThat(store.cacheHits()).isZero();
    int loads = repository.loads();
    int loginLoads = repository.loginLoads();

    clock.advance(TTL.minusSeconds(1));
    assertThat(store.verify("alice", phone.secret().toUpperCase())).map(AppPassword::id).contains(phone.info().id());
    assertThat(store.cacheHits()).isEqualTo(1);
    assertThat(repository.loads()).isEqualTo(loads);
    assertThat(repository.loginLoads()).isEqualTo(loginLoads);
    // The login by email is a login of its own: its first check is a full one.
    assertThat(store.verify("alice@example.eu", phone.secret())).isPresent();
    assertThat(store.cacheHits()).isEqualTo(1);
  }

  @Test
  void pastTheTtlTheSecretIsCheckedAgainInFullAndCachedAnew() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    store.verify("alice", phone.secret());

    clock.advance(TTL);
    assertThat(store.verify("alice", phone.secret())).isPresent();
    assertThat(store.cacheHits()).isZero();
    assertThat(store.verify("alice", phone.secret())).isPresent();
    assertThat(store.cacheHits()).isEqualTo(1);
  }

  @Test
  void aWrongSecretNeverHitsTheCacheAndIsNeverCached() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    store.verify("alice", phone.secret());
    int cached = store.cachedSecrets();

    assertThat(store.verify("alice", "aaaa-bbbb-cccc-dddd")).isEmpty();
    assertThat(store.verify("alice", "aaaa-bbbb-cccc-dddd")).isEmpty();
    assertThat(store.verify("alice", "her ordinary password")).isEmpty();
    assertThat(store.cacheHits()).isZero();
    assertThat(store.cachedSecrets()).isEqualTo(cached);
    // Each wrong secret went the full way (Argon2id, then the login's rows re-read).
    assertThat(repository.loginLoads()).isEqualTo(2);
  }

  @Test
  void revokingThePasswordDropsItsEntryAndRefusesItAtOnce() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    IssuedAppPassword laptop = store.create(ALICE, "Laptop", "alice");
    store.verify("alice", phone.secret());
    store.verify("alice", laptop.secret());
    assertThat(store.cachedSecrets()).isEqualTo(2);

    assertThat(store.revoke("alice", phone.info().id(), "alice")).isTrue();
    assertThat(store.cachedSecrets()).isEqualTo(1);
    assertThat(store.verify("alice", phone.secret())).isEmpty();
    assertThat(store.verify("alice", laptop.secret())).isPresent();
    assertThat(store.cacheHits()).isEqualTo(1);
  }

  @Test
  void revokingTheUserDropsAllHerEntriesUnderAnyLogin() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    store.verify("alice", phone.secret());
    store.verify("alice@example.eu", phone.secret());
    assertThat(store.cachedSecrets()).isEqualTo(2);

    store.revokeAll("alice", "revocation");
    assertThat(store.cachedSecrets()).isZero();
    assertThat(store.verify("alice", phone.secret())).isEmpty();
    assertThat(store.verify("alice@example.eu", phone.secret())).isEmpty();
    assertThat(store.cacheHits()).isZero();
  }

  @Test
  void aRevocationThroughAnotherGatewayEmptiesTheEntryAtTheNextReload() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    store.verify("alice", phone.secret());
    try (AppPasswords other = AppPasswords.open(repository, AppPasswordSettings.defaults(), clock)) {
      assertThat(other.revoke("alice", phone.info().id(), "mara")).isTrue();
    }
    store.reload();
    assertThat(store.cachedSecrets()).isZero();
    assertThat(store.verify("alice", phone.secret())).isEmpty();
    assertThat(store.cacheHits()).isZero();
  }

  @Test
  void withAZeroTtlNothingIsCached() {
    try (AppPasswords off = AppPasswords.open(repository, AppPasswordSettings.defaults().withCache(Duration.ZERO, 1), clock)) {
      IssuedAppPassword phone = off.create(ALICE, "Phone", "alice");
      assertThat(off.verify("alice", phone.secret())).isPresent();
      assertThat(off.verify("alice", phone.secret())).isPresent();
      assertThat(off.cacheHits()).isZero();
      assertThat(off.cachedSecrets()).isZero();
    }
  }

  @Test
  void theCacheSettingsAreValidatedNamingTheKey() {
    assertThatThrownBy(() -> AppPasswordSettings.defaults().withCache(Duration.ofHours(2), 10))
        .hasMessageContaining("identity.app-passwords.cache-ttl");
    assertThatThrownBy(() -> AppPasswordSettings.defaults().withCache(TTL, 0))
        .hasMessageContaining("identity.app-passwords.cache-size");
    assertThat(AppPasswordSettings.defaults().cacheTtl()).isEqualTo(TTL);
  }
}
