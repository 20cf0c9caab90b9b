package eu.sovereignmail.identity.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.identity.provisioning.ChangeNotice.Kind;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Operation;
import eu.sovereignmail.identity.provisioning.DriftReport.Difference;
import eu.sovereignmail.identity.provisioning.IdentitySource.AdminChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerTest {
  @TempDir Path dir;

  private final FakeIdentitySource keycloak = new FakeIdentitySource();
  private final InMemoryMailDirectory james = new InMemoryMailDirectory();
  private final List<String> revoked = new ArrayList<>();
  private final List<String> alerts = new ArrayList<>();
  private final List<Provisioner> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Provisioner::close);
  }

  private Provisioner provisioner(DeletionPolicy policy) throws IOException {
    ProvisioningSettings settings = new ProvisioningSettings(Set.of("example.eu", "team.example.eu"),
        Duration.ofHours(1), Duration.ofMillis(50), policy, dir.resolve("provisioning.json"));
    Provisioner p = new Provisioner(keycloak, james, settings, revoked::add,
        (kind, subject, summary) -> alerts.add(kind + " " + subject), Clock.systemUTC());
    opened.add(p);
    return p;
  }

  private static MailUser user(String id, String name, boolean enabled, Set<String> aliases, Long quota) {
    return new MailUser(id, name, name + "@example.eu", enabled, aliases,
        quota == null ? OptionalLong.empty() : OptionalLong.of(quota));
  }

  @Test
  void reconcileCreatesDomainMailboxAliasesQuotaAndIsIdempotent() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of("Alice.Martin@example.eu", "a@team.example.eu"), 1L << 30));
    keycloak.put(new MailUser("2", "ext", "ext@elsewhere.org", true, Set.of(), OptionalLong.empty()));
    Provisioner p = provisioner(DeletionPolicy.KEEP);

    DriftReport first = p.reconcile(false);

    assertThat(first.applied()).isTrue();
    assertThat(james.domains).containsExactlyInAnyOrder("example.eu", "team.example.eu");
    assertThat(james.users).containsExactly("alice@example.eu");
    assertThat(james.aliases.get("alice@example.eu")).containsExactlyInAnyOrder("alice.martin@example.eu", "a@team.example.eu");
    assertThat(james.quotas).containsEntry("alice@example.eu", 1L << 30);
    assertThat(first.of(DriftReport.Kind.MISSING_IN_JAMES)).extracting(Difference::subject).containsExactly("alice@example.eu");

    james.writes.clear();
    DriftReport second = p.reconcile(false);
    assertThat(james.writes).isEmpty();
    assertThat(second.inSync()).isTrue();
    assertThat(revoked).isEmpty();
  }

  @Test
  void dryRunReportsEveryDifferenceAndWritesNothing() throws IOException {
    james.domains.add("example.eu");
    james.users.addAll(List.of("bob@example.eu", "old@example.eu", "someone@other.org"));
    james.aliases.put("bob@example.eu", Set.of("stale@example.eu"));
    james.quotas.put("bob@example.eu", 5L);
    keycloak.put(user("1", "alice", true, Set.of("al@example.eu"), null));
    keycloak.put(user("2", "bob", true, Set.of("robert@example.eu"), 10L));

    DriftReport report = provisioner(DeletionPolicy.KEEP).reconcile(true);

    assertThat(james.writes).isEmpty();
    assertThat(report.applied()).isFalse();
    assertThat(report.of(DriftReport.Kind.MISSING_IN_JAMES)).extracting(Difference::subject).containsExactly("alice@example.eu");
    assertThat(report.of(DriftReport.Kind.NOT_IN_KEYCLOAK)).extracting(Difference::subject).containsExactly("old@example.eu");
    assertThat(report.of(DriftReport.Kind.ALIAS)).extracting(d -> d.subject() + " " + d.detail())
        .containsExactlyInAnyOrder("alice@example.eu +al@example.eu", "bob@example.eu +robert@example.eu",
            "bob@example.eu -stale@example.eu");
    assertThat(report.of(DriftReport.Kind.QUOTA)).extracting(d -> d.subject() + " " + d.detail())
        .containsExactly("bob@example.eu 5 -> 10");
    assertThat(report.inSync()).isFalse();
  }

  @Test
  void attributeChangesFollow() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of("a1@example.eu", "a2@example.eu"), 100L));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    p.reconcile(false);

    keycloak.put(user("1", "alice", true, Set.of("a2@example.eu", "a3@example.eu"), null));
    p.reconcile(false);

    assertThat(james.aliases.get("alice@example.eu")).containsExactlyInAnyOrder("a2@example.eu", "a3@example.eu");
    assertThat(james.quotas).doesNotContainKey("alice@example.eu");
  }

  @Test
  void disableRevokesOnceAndKeepsTheMailbox() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    p.reconcile(false);

    keycloak.put(user("1", "alice", false, Set.of(), null));
    p.reconcile(false);
    p.reconcile(false);

    assertThat(revoked).containsExactly("alice");
    assertThat(james.users).contains("alice@example.eu");
  }

  @Test
  void deleteWithKeepRevokesAlertsAndKeepsTheMailbox() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of("al@example.eu"), null));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    p.reconcile(false);

    keycloak.users.remove("1");
    DriftReport report = p.reconcile(false);

    assertThat(revoked).containsExactly("alice");
    assertThat(alerts).containsExactly("user-deleted alice@example.eu");
    assertThat(james.users).contains("alice@example.eu");
    assertThat(james.aliases.get("alice@example.eu")).contains("al@example.eu");
    assertThat(report.of(DriftReport.Kind.DELETED)).hasSize(1);

    DriftReport after = p.reconcile(true);
    assertThat(after.of(DriftReport.Kind.RETAINED)).extracting(Difference::subject).containsExactly("alice@example.eu");
    assertThat(after.inSync()).isTrue();
    assertThat(revoked).containsExactly("alice");
  }

  @Test
  void deleteWithRemoveTakesTheAccountAndAliasesAway() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of("al@example.eu"), null));
    Provisioner p = provisioner(DeletionPolicy.REMOVE);
    p.reconcile(false);

    keycloak.users.remove("1");
    p.changed(new ChangeNotice(Kind.USER, "1", Operation.DELETE));

    await().atMost(Duration.ofSeconds(5)).until(() -> !james.users.contains("alice@example.eu"));
    assertThat(james.aliases.get("alice@example.eu")).isNullOrEmpty();
    assertThat(revoked).containsExactly("alice");
  }

  @Test
  void keycloakUnreachableChangesNothing() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    Provisioner p = provisioner(DeletionPolicy.REMOVE);
    p.reconcile(false);
    keycloak.down = true;
    james.writes.clear();

    assertThatThrownBy(() -> p.reconcile(false)).isInstanceOf(IOException.class);

    assertThat(james.writes).isEmpty();
    assertThat(revoked).isEmpty();
  }

  @Test
  void distributionListFollowsMembership() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    keycloak.put(user("2", "bob", true, Set.of(), null));
    keycloak.put(new MailGroup("g", "board", Optional.of("Board@example.eu"), Optional.empty(),
        Set.of("alice@example.eu", "outsider@other.org")));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    p.reconcile(false);
    assertThat(james.lists.get("board@example.eu")).containsExactly("alice@example.eu");

    keycloak.put(new MailGroup("g", "board", Optional.of("board@example.eu"), Optional.empty(), Set.of("bob@example.eu")));
    p.changed(new ChangeNotice(Kind.GROUP, "g", Operation.UPDATE));
    await().atMost(Duration.ofSeconds(5)).until(() -> james.lists.get("board@example.eu").equals(Set.of("bob@example.eu")));

    keycloak.groups.remove("g");
    p.reconcile(false);
    assertThat(james.lists.get("board@example.eu")).isEmpty();
  }

  @Test
  void sharedMailboxGetsAnAccountAndItsMembersRights() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    keycloak.put(user("2", "bob", true, Set.of(), null));
    keycloak.put(new MailGroup("t", "team", Optional.empty(), Optional.of("team@example.eu"),
        Set.of("alice@example.eu", "bob@example.eu")));
    Provisioner p = provisioner(DeletionPolicy.KEEP);

    DriftReport dry = p.reconcile(true);
    assertThat(dry.of(DriftReport.Kind.SHARED_MEMBER)).hasSize(2);
    assertThat(james.writes).isEmpty();

    p.reconcile(false);
    assertThat(james.users).contains("team@example.eu");
    assertThat(james.shared.get("team@example.eu")).containsExactlyInAnyOrder("alice@example.eu", "bob@example.eu");

    keycloak.put(new MailGroup("t", "team", Optional.empty(), Optional.of("team@example.eu"), Set.of("alice@example.eu")));
    DriftReport report = p.reconcile(false);
    assertThat(james.shared.get("team@example.eu")).containsExactly("alice@example.eu");
    assertThat(report.of(DriftReport.Kind.NOT_IN_KEYCLOAK)).isEmpty();
  }

  @Test
  void pollerAppliesAdminEventsOnceAndKeepsItsPosition() throws Exception {
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    long now = System.currentTimeMillis() + 1000;
    keycloak.put(user("1", "alice", true, Set.of(), null));
    keycloak.events.add(new AdminChange("e1", now, List.of(new ChangeNotice(Kind.USER, "1", Operation.CREATE))));
    keycloak.events.add(new AdminChange("e2", now, List.of(new ChangeNotice(Kind.USER, "1", Operation.UPDATE))));

    assertThat(p.pollNow()).isEqualTo(2);
    assertThat(james.users).containsExactly("alice@example.eu");
    assertThat(p.pollNow()).isZero();
    p.close();

    james.writes.clear();
    keycloak.put(user("2", "bob", true, Set.of(), null));
    keycloak.events.add(new AdminChange("e3", now, List.of(new ChangeNotice(Kind.USER, "2", Operation.CREATE))));
    Provisioner again = provisioner(DeletionPolicy.KEEP);
    assertThat(again.pollNow()).isEqualTo(1);
    assertThat(james.writes).containsExactly("addUser bob@example.eu");
  }

  @Test
  void startedProvisionerReconcilesAndPolls() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    p.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> james.users.contains("alice@example.eu"));

    keycloak.put(user("2", "bob", true, Set.of(), null));
    keycloak.events.add(new AdminChange("e1", System.currentTimeMillis() + 1000,
        List.of(new ChangeNotice(Kind.USER, "2", Operation.CREATE))));
    await().atMost(Duration.ofSeconds(5)).until(() -> james.users.contains("bob@example.eu"));
  }

  @Test
  void backendFailureIsReportedAndRetriedByTheNextReconcile() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    james.down = true;
    DriftReport failed = p.reconcile(false);
    assertThat(failed.failures()).isNotEmpty();

    james.down = false;
    p.reconcile(false);
    assertThat(james.users).containsExactly("alice@example.eu");
  }

  @Test
  void listShowsManagedUsersAndTheirMailbox() throws IOException {
    keycloak.put(user("1", "alice", true, Set.of(), null));
    keycloak.put(new MailUser("2", "ext", "ext@elsewhere.org", true, Set.of(), OptionalLong.empty()));
    Provisioner p = provisioner(DeletionPolicy.KEEP);
    assertThat(p.list()).extracting(u -> u.user().email() + " " + u.mailbox()).containsExactly("alice@example.eu false");
    p.reconcile(false);
    assertThat(p.list()).extracting(u -> u.user().email() + " " + u.mailbox()).containsExactly("alice@example.eu true");
  }
}
