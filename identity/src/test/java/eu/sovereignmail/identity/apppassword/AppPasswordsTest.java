package eu.sovereignmail.identity.apppassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.identity.auth.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store's rules on an in-memory repository: shown once, hashed, per-user limit, revocation, reloads, last use. */
class AppPasswordsTest {
  private static final Account ALICE = new Account("Alice", "Alice@Example.EU");
  private static final Account BOB = new Account("bob", "bob@example.eu");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-05-20T08:00:00Z"));
  private final InMemoryAppPasswordRepository repository = new InMemoryAppPasswordRepository();
  private final AppPasswords store = AppPasswords.open(repository, AppPasswordSettings.defaults().withMaxPerUser(3), clock);

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aNewPasswordIsShownOnceAndWorksByUsernameOrEmailInAnyCase() {
    IssuedAppPassword issued = store.create(ALICE, "  Phone ", "alice");

    assertThat(issued.secret()).matches("([a-z2-9]{4}-){3}[a-z2-9]{4}");
    assertThat(issued.toString()).doesNotContain(issued.secret());
    assertThat(issued.info().label()).isEqualTo("Phone");
    assertThat(issued.info().account()).isEqualTo(new Account("alice", "alice@example.eu"));
    assertThat(issued.info().createdBy()).isEqualTo("alice");
    assertThat(issued.info().createdAt()).isEqualTo(clock.instant());

    assertThat(store.verify("alice", issued.secret())).map(AppPassword::id).contains(issued.info().id());
    assertThat(store.verify("ALICE@example.eu", issued.secret().toUpperCase())).isPresent();
    assertThat(store.verify("alice", issued.secret().replace("-", ""))).isPresent();
    assertThat(store.verify("alice", issued.secret().replace("-", " "))).isPresent();
    assertThat(store.hasAny("Alice@Example.eu")).isTrue();
    assertThat(store.account("alice@example.eu")).contains(issued.info().account());
  }

  @Test
  void onlyTheHashIsStoredAndNothingMatchesAnotherUserOrAnotherSecret() {
    IssuedAppPassword issued = store.create(ALICE, "Phone", "alice");
    StoredAppPassword stored = repository.loadActive().getFirst();
    assertThat(stored.hash()).startsWith("$argon2id$").doesNotContain(issued.secret().replace("-", ""));

    assertThat(store.verify("bob", issued.secret())).isEmpty();
    assertThat(store.verify("alice", "aaaa-bbbb-cccc-dddd")).isEmpty();
    assertThat(store.verify("alice", "her ordinary password")).isEmpty();
    assertThat(store.hasAny("bob")).isFalse();
    assertThat(store.account("bob")).isEmpty();
  }

  @Test
  void listShowsTheUsersOwnPasswordsOldestFirstWithoutSecrets() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    clock.advance(Duration.ofMinutes(1));
    IssuedAppPassword laptop = store.create(ALICE, "Laptop", "mara");
    store.create(BOB, "Tablet", "bob");

    assertThat(store.list("ALICE")).extracting(AppPassword::label).containsExactly("Phone", "Laptop");
    assertThat(store.list("alice")).extracting(AppPassword::id).containsExactly(phone.info().id(), laptop.info().id());
    assertThat(store.list("alice").get(1).createdBy()).isEqualTo("mara");
    assertThat(store.list("carol")).isEmpty();
  }

  @Test
  void aUserHasAtMostTheConfiguredNumberAndRevokingOneMakesRoom() {
    IssuedAppPassword first = store.create(ALICE, "one", "alice");
    store.create(ALICE, "two", "alice");
    store.create(ALICE, "three", "alice");

    assertThatThrownBy(() -> store.create(ALICE, "four", "alice"))
        .isInstanceOfSatisfying(AppPasswordException.class,
            e -> assertThat(e.reason()).isEqualTo(AppPasswordException.Reason.LIMIT_REACHED));
    store.create(BOB, "bob's own", "bob");

    assertThat(store.revoke("alice", first.info().id(), "alice")).isTrue();
    assertThat(store.create(ALICE, "four", "alice").info().label()).isEqualTo("four");
  }

  @Test
  void theLimitHoldsAgainstAnotherGatewayOnTheSameDatabase() {
    try (AppPasswords other = AppPasswords.open(repository, AppPasswordSettings.defaults().withMaxPerUser(3), clock)) {
      store.create(ALICE, "one", "alice");
      store.create(ALICE, "two", "alice");
      other.create(ALICE, "three", "alice"); // this store does not know it yet
      assertThatThrownBy(() -> store.create(ALICE, "four", "alice"))
          .isInstanceOfSatisfying(AppPasswordException.class,
              e -> assertThat(e.reason()).isEqualTo(AppPasswordException.Reason.LIMIT_REACHED));
    }
  }

  @Test
  void aRevokedPasswordStopsWorkingAtOnceAndOnlyItsOwnerOrAnAdminPathCanNameIt() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    IssuedAppPassword laptop = store.create(ALICE, "Laptop", "alice");

    assertThat(store.revoke("bob", phone.info().id(), "bob")).isFalse();
    assertThat(store.verify("alice", phone.secret())).isPresent();

    assertThat(store.revoke("alice", phone.info().id(), "alice")).isTrue();
    assertThat(store.verify("alice", phone.secret())).isEmpty();
    assertThat(store.verify("alice", laptop.secret())).isPresent();
    assertThat(repository.revokedBy(phone.info().id())).isEqualTo("alice");
    assertThat(store.revoke("alice", phone.info().id(), "alice")).isFalse();
    assertThat(store.revoke("alice", "not-an-id'; --", "alice")).isFalse();
  }

  @Test
  void revokingAUserRevokesAllTheirPasswordsEvenWhileTheDatabaseIsDown() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    IssuedAppPassword laptop = store.create(ALICE, "Laptop", "alice");
    IssuedAppPassword bobs = store.create(BOB, "Tablet", "bob");

    repository.failing(true);
    assertThat(store.revokeAll("alice", "revocation")).isEqualTo(2);
    assertThat(store.verify("alice", phone.secret())).isEmpty();
    assertThat(store.verify("bob", bobs.secret())).isPresent();

    repository.failing(false);
    store.reload(); // records the deferred revocation before reading the rows back
    assertThat(store.verify("alice", laptop.secret())).isEmpty();
    assertThat(repository.revokedBy(laptop.info().id())).isEqualTo("revocation");
    assertThat(store.list("alice")).isEmpty();
  }

  @Test
  void aPasswordMadeThroughAnotherGatewayWorksAtOnceAndAMissReadsOnlyThatLoginsRows() {
    try (AppPasswords other = AppPasswords.open(repository, AppPasswordSettings.defaults(), clock)) {
      IssuedAppPassword made = other.create(ALICE, "Phone", "alice");
      int loads = repository.loads();

      assertThat(store.verify("alice@example.eu", made.secret())).isPresent();
      assertThat(repository.loginLoads()).isEqualTo(1);
      assertThat(store.verify("alice", made.secret())).isPresent(); // now in memory
      assertThat(repository.loginLoads()).isEqualTo(1);

      assertThat(store.verify("alice", "aaaa-bbbb-cccc-dddd")).isEmpty();
      assertThat(repository.loginLoads()).isEqualTo(2);
      // Ordinary passwords never touch the database.
      assertThat(store.verify("alice", "an ordinary password")).isEmpty();
      assertThat(store.verify("nobody", "an ordinary password")).isEmpty();
      assertThat(repository.loginLoads()).isEqualTo(2);
      assertThat(repository.loads()).isEqualTo(loads);
    }
  }

  @Test
  void aMissWhileTheDatabaseIsDownIsJustAMiss() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    repository.failing(true);
    assertThat(store.verify("alice", "aaaa-bbbb-cccc-dddd")).isEmpty();
    assertThat(store.verify("alice", phone.secret())).isPresent();
  }

  @Test
  void aRevocationThroughAnotherGatewayReachesThisOneAtTheNextReload() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    try (AppPasswords other = AppPasswords.open(repository, AppPasswordSettings.defaults(), clock)) {
      assertThat(other.revoke("alice", phone.info().id(), "mara")).isTrue();
    }
    assertThat(store.verify("alice", phone.secret())).isPresent();
    store.reload();
    assertThat(store.verify("alice", phone.secret())).isEmpty();
  }

  @Test
  void aDatabaseOutageDoesNotStopPasswordsAlreadyLoaded() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    repository.failing(true);
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.verify("alice", phone.secret())).isPresent();
    assertThatThrownBy(() -> store.create(ALICE, "Laptop", "alice"))
        .isInstanceOfSatisfying(AppPasswordException.class,
            e -> assertThat(e.reason()).isEqualTo(AppPasswordException.Reason.STORAGE));
  }

  @Test
  void useIsRecordedAndWrittenAtMostOncePerInterval() {
    IssuedAppPassword phone = store.create(ALICE, "Phone", "alice");
    assertThat(store.list("alice").getFirst().lastUsed()).isEmpty();

    Instant first = clock.instant();
    assertThat(store.verify("alice", phone.secret())).hasValueSatisfying(p -> assertThat(p.lastUsedAt()).isEqualTo(first));
    await().atMost(Duration.ofSeconds(10)).until(() -> first.equals(repository.lastUsed(phone.info().id())));

    clock.advance(Duration.ofSeconds(20));
    store.verify("alice", phone.secret());
    assertThat(store.list("alice").getFirst().lastUsedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(50)); // 70 s after the first write
    Instant third = clock.instant();
    store.verify("alice", phone.secret());
    await().atMost(Duration.ofSeconds(10)).until(() -> third.equals(repository.lastUsed(phone.info().id())));
  }

  @Test
  void labelsAreCheckedAndNamedInTheError() {
    for (String bad : new String[] {null, "", "   ", "x".repeat(65), "Phone\nInjected: yes"}) {
      assertThatThrownBy(() -> store.create(ALICE, bad, "alice"))
          .isInstanceOfSatisfying(AppPasswordException.class,
              e -> assertThat(e.reason()).isEqualTo(AppPasswordException.Reason.INVALID_LABEL));
    }
    assertThat(store.create(ALICE, "Téléphone de Zoë ☎", "alice").info().label()).isEqualTo("Téléphone de Zoë ☎");
  }

  @Test
  void settingsAreValidatedNamingTheKey() {
    assertThatThrownBy(() -> AppPasswordSettings.defaults().withMaxPerUser(0))
        .hasMessageContaining("identity.app-passwords.max-per-user");
    assertThatThrownBy(() -> new AppPasswordSettings(5, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("identity.app-passwords.refresh-interval");
  }
}
