package eu.sovereignmail.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.LmtpClient;
import eu.sovereignmail.gateway.delivery.LmtpTarget;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import eu.sovereignmail.identity.provisioning.DeletionPolicy;
import eu.sovereignmail.identity.provisioning.DriftReport;
import eu.sovereignmail.identity.provisioning.KeycloakIdentitySource;
import eu.sovereignmail.identity.provisioning.Provisioner;
import eu.sovereignmail.identity.provisioning.ProvisioningSettings;
import eu.sovereignmail.stack.james.JamesWebAdmin;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning against the real Keycloak (shipped realm, the gateway's service account) and the real James backend:
 * users, aliases, quotas, disable, delete, distribution lists and shared mailboxes, on the poller path and the
 * reconcile path, with the time each path takes from a Keycloak change to James.
 */
class ProvisioningIT {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningIT.class);
  private static final String DOMAIN = "prov.test";
  private static final String RECONCILE_DOMAIN = "recon.test";
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private static Backends backends;
  private static JamesWebAdmin webAdmin;
  private static Keycloak master;
  private static RealmResource realm;
  private static KeycloakIdentitySource source;
  private static Provisioner provisioner;
  private static final List<String> revoked = new CopyOnWriteArrayList<>();
  private static final List<String> alerts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    backends = Backends.get();
    KeycloakFixture keycloak = backends.keycloak();
    webAdmin = backends.james().webAdmin();
    String secret = KeycloakFixture.secret();
    keycloak.admin().setClientSecret(KeycloakFixture.REALM, KeycloakFixture.GATEWAY, secret);
    master = Keycloak.getInstance(keycloak.settings().baseUrl().toString(), "master",
        keycloak.settings().adminUser(), keycloak.settings().adminPassword(), "admin-cli");
    realm = master.realm(KeycloakFixture.REALM);
    source = new KeycloakIdentitySource(keycloak.settings().issuer(), KeycloakFixture.GATEWAY, secret);
    Path dir = backends.newDirectory("provisioning");
    provisioner = new Provisioner(source, target(),
        new ProvisioningSettings(Set.of(DOMAIN), Duration.ofHours(1), Duration.ofMillis(500), DeletionPolicy.KEEP,
            dir.resolve("provisioning.json")),
        revoked::add, (kind, subject, summary) -> alerts.add(kind + " " + subject), Clock.systemUTC());
    provisioner.start();
  }

  @AfterAll
  static void stop() {
    if (provisioner != null) {
      provisioner.close();
    }
    if (source != null) {
      source.close();
    }
    if (master != null) {
      master.close();
    }
  }

  private static JamesMailDirectory target() {
    var james = backends.jamesSettings();
    return new JamesMailDirectory(webAdmin, Optional.of(new BackendImap(Backends.HOST, james.ports().imap(),
        james.adminUser(), Backends.ADMIN_PASSWORD)));
  }

  @Test
  void userLifecycleOnThePollerPath() throws Exception {
    long created = System.nanoTime();
    String id = createUser("pia", DOMAIN, Map.of());
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> webAdmin.listUsers().contains("pia@" + DOMAIN));
    long ms = (System.nanoTime() - created) / 1_000_000;
    LOG.info("event=it.provisioning.poller_path change=user_created ms={}", ms);

    assertThat(lmtp("pia@" + DOMAIN, "welcome pia")).allMatch(r -> r.reply().code() == 250);
    await().atMost(WITHIN).until(() -> backends.inboxSubjects("pia@" + DOMAIN).contains("welcome pia"));

    long aliasAt = System.nanoTime();
    updateAttributes(id, Map.of("mailAliases", List.of("pia.alias@" + DOMAIN), "mailQuota", List.of("50M")));
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50))
        .until(() -> webAdmin.listAliases("pia@" + DOMAIN).contains("pia.alias@" + DOMAIN));
    LOG.info("event=it.provisioning.poller_path change=alias_added ms={}", (System.nanoTime() - aliasAt) / 1_000_000);
    await().atMost(WITHIN).until(() -> webAdmin.userQuotaSize("pia@" + DOMAIN).equals(OptionalLong.of(50L << 20)));
    assertThat(lmtp("pia.alias@" + DOMAIN, "to the alias")).allMatch(r -> r.reply().code() == 250);
    await().atMost(WITHIN).until(() -> backends.inboxSubjects("pia@" + DOMAIN).contains("to the alias"));

    long disableAt = System.nanoTime();
    UserRepresentation user = realm.users().get(id).toRepresentation();
    user.setEnabled(false);
    realm.users().get(id).update(user);
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> revoked.contains("pia-" + DOMAIN.replace('.', '-')));
    LOG.info("event=it.provisioning.poller_path change=user_disabled ms={}", (System.nanoTime() - disableAt) / 1_000_000);
    assertThat(webAdmin.listUsers()).contains("pia@" + DOMAIN);

    revoked.clear();
    realm.users().get(id).remove();
    await().atMost(WITHIN).until(() -> alerts.contains("user-deleted pia@" + DOMAIN));
    assertThat(revoked).contains("pia-" + DOMAIN.replace('.', '-'));
    assertThat(webAdmin.listUsers()).as("policy KEEP keeps the mailbox").contains("pia@" + DOMAIN);
    assertThat(lmtp("pia@" + DOMAIN, "after deletion")).allMatch(r -> r.reply().code() == 250);

    DriftReport report = provisioner.reconcile(true);
    assertThat(report.of(DriftReport.Kind.RETAINED)).extracting(DriftReport.Difference::subject).contains("pia@" + DOMAIN);
  }

  @Test
  void distributionListFollowsGroupMembership() throws Exception {
    String ann = createUser("ann", DOMAIN, Map.of());
    String ben = createUser("ben", DOMAIN, Map.of());
    String group = createGroup("board", Map.of("mailList", List.of("board@" + DOMAIN)));
    realm.users().get(ann).joinGroup(group);
    realm.users().get(ben).joinGroup(group);
    await().atMost(WITHIN).until(() -> members("board@" + DOMAIN).equals(Set.of("ann@" + DOMAIN, "ben@" + DOMAIN)));

    assertThat(lmtp("board@" + DOMAIN, "board meeting")).allMatch(r -> r.reply().code() == 250);
    await().atMost(WITHIN).until(() -> backends.inboxSubjects("ben@" + DOMAIN).contains("board meeting"));

    long leftAt = System.nanoTime();
    realm.users().get(ben).leaveGroup(group);
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> members("board@" + DOMAIN).equals(Set.of("ann@" + DOMAIN)));
    LOG.info("event=it.provisioning.poller_path change=member_left ms={}", (System.nanoTime() - leftAt) / 1_000_000);
  }

  /**
   * A group with {@code sharedMailbox} becomes a team account whose INBOX every member opens from their own IMAP
   * session as the folder {@code Shared.team} (rights kept by james-backend in MariaDB); leaving the group takes the
   * folder away. Sessions are opened on James as the gateway's IMAP door opens them: the administrator acting for the
   * member.
   */
  @Test
  void sharedMailboxFollowsGroupMembership() throws Exception {
    String team = "team@" + DOMAIN;
    String cleo = "cleo@" + DOMAIN;
    String cleoId = createUser("cleo", DOMAIN, Map.of());
    String group = createGroup("team", Map.of("sharedMailbox", List.of(team)));
    long joinedAt = System.nanoTime();
    realm.users().get(cleoId).joinGroup(group);
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> webAdmin.listUsers().containsAll(List.of(team, cleo))
            && target().sharedMailboxMembers(team).contains(cleo));
    LOG.info("event=it.provisioning.poller_path change=shared_member_joined ms={}", (System.nanoTime() - joinedAt) / 1_000_000);
    assertThat(target().supportsSharedMailboxes()).as("the backend keeps the grant").isTrue();
    assertThat(lmtp(team, "for the team")).allMatch(r -> r.reply().code() == 250);

    assertThat(imap(cleo, "LIST \"\" \"*\"")).anyMatch(line -> line.startsWith("* LIST") && line.endsWith("\"Shared.team\""));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(imap(cleo, "SELECT Shared.team",
        "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).anyMatch(line -> line.contains("Subject: for the team")));

    long leftAt = System.nanoTime();
    realm.users().get(cleoId).leaveGroup(group);
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> imap(cleo, "LIST \"\" \"*\"").stream().noneMatch(line -> line.contains("Shared.team")));
    LOG.info("event=it.provisioning.poller_path change=shared_member_left ms={}", (System.nanoTime() - leftAt) / 1_000_000);
    assertThat(target().sharedMailboxMembers(team)).doesNotContain(cleo);
    assertThat(imapStatus(cleo, "SELECT Shared.team")).startsWith("NO");
    assertThat(webAdmin.listUsers()).as("the team account and its mail stay").contains(team);
  }

  @Test
  void reconcilePathProvisionsWhatNoEventAnnounced() throws Exception {
    Path dir = backends.newDirectory("provisioning-reconcile");
    try (Provisioner reconciling = new Provisioner(source, target(),
        new ProvisioningSettings(Set.of(RECONCILE_DOMAIN), Duration.ofSeconds(2), Duration.ofHours(1),
            DeletionPolicy.KEEP, dir.resolve("provisioning.json")),
        user -> { }, (kind, subject, summary) -> { }, Clock.systemUTC())) {
      reconciling.start();
      long created = System.nanoTime();
      createUser("eve", RECONCILE_DOMAIN, Map.of("mailAliases", List.of("e@" + RECONCILE_DOMAIN)));
      await().atMost(WITHIN).pollInterval(Duration.ofMillis(50))
          .until(() -> webAdmin.listAliases("eve@" + RECONCILE_DOMAIN).contains("e@" + RECONCILE_DOMAIN));
      LOG.info("event=it.provisioning.reconcile_path interval_s=2 change=user_created ms={}",
          (System.nanoTime() - created) / 1_000_000);
      long second = System.nanoTime();
      createUser("fay", RECONCILE_DOMAIN, Map.of());
      await().atMost(WITHIN).pollInterval(Duration.ofMillis(50))
          .until(() -> webAdmin.listUsers().contains("fay@" + RECONCILE_DOMAIN));
      LOG.info("event=it.provisioning.reconcile_path interval_s=2 change=second_user_created ms={}",
          (System.nanoTime() - second) / 1_000_000);

      webAdmin.ensureUser("stray@" + RECONCILE_DOMAIN, "unused-password-1");
      long started = System.nanoTime();
      DriftReport dry = reconciling.reconcile(true);
      LOG.info("event=it.provisioning.reconcile_run users={} ms={}", source.users().size(),
          (System.nanoTime() - started) / 1_000_000);
      assertThat(dry.of(DriftReport.Kind.NOT_IN_KEYCLOAK)).extracting(DriftReport.Difference::subject)
          .containsExactly("stray@" + RECONCILE_DOMAIN);
      assertThat(dry.of(DriftReport.Kind.MISSING_IN_JAMES)).isEmpty();
    }
  }

  private static String createUser(String name, String domain, Map<String, List<String>> attributes) {
    UserRepresentation user = new UserRepresentation();
    user.setUsername(name + "-" + domain.replace('.', '-'));
    user.setEmail(name + "@" + domain);
    user.setFirstName(name);
    user.setLastName("Test");
    user.setEnabled(true);
    user.setEmailVerified(true);
    user.setAttributes(new java.util.HashMap<>(attributes));
    try (Response response = realm.users().create(user)) {
      return CreatedResponseUtil.getCreatedId(response);
    }
  }

  private static void updateAttributes(String id, Map<String, List<String>> attributes) {
    UserRepresentation user = realm.users().get(id).toRepresentation();
    Map<String, List<String>> all = user.getAttributes() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(user.getAttributes());
    all.putAll(attributes);
    user.setAttributes(all);
    realm.users().get(id).update(user);
  }

  private static String createGroup(String name, Map<String, List<String>> attributes) {
    GroupRepresentation group = new GroupRepresentation();
    group.setName(name);
    group.setAttributes(attributes);
    try (Response response = realm.groups().add(group)) {
      return CreatedResponseUtil.getCreatedId(response);
    }
  }

  private static Set<String> members(String list) throws IOException {
    return target().lists().getOrDefault(list, Set.of());
  }

  private static List<RecipientReply> lmtp(String recipient, String subject) throws IOException {
    byte[] message = ("From: sender@example.org\r\nTo: " + recipient + "\r\nSubject: " + subject + "\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    try (LmtpClient client = new LmtpClient(LmtpTarget.loopback(backends.jamesSettings().ports().lmtp()))) {
      return client.deliver(DeliveryTransaction.simple("sender@example.org", List.of(recipient), message.length,
          BodyType.SEVEN_BIT, false), () -> new ByteArrayInputStream(message));
    }
  }

  /**
   * IMAP commands in one session on James as the administrator acting for {@code user}; the untagged answer lines.
   * Every command must succeed.
   */
  private static List<String> imap(String user, String... commands) throws IOException {
    List<String> untagged = new ArrayList<>();
    for (List<String> answer : imapSession(user, commands)) {
      assertThat(answer.get(answer.size() - 1)).as(answer.toString()).contains(" OK");
      untagged.addAll(answer.subList(0, answer.size() - 1));
    }
    return untagged;
  }

  /** The tagged status ("OK ...", "NO ...") of one IMAP command as {@code user}. */
  private static String imapStatus(String user, String command) throws IOException {
    List<String> answer = imapSession(user, command).get(0);
    String tagged = answer.get(answer.size() - 1);
    return tagged.substring(tagged.indexOf(' ') + 1);
  }

  /** Each command's answer lines, its tagged status line last. */
  private static List<List<String>> imapSession(String user, String... commands) throws IOException {
    var james = backends.jamesSettings();
    try (Socket socket = new Socket(Backends.HOST, james.ports().imap())) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      in.readLine();
      String plain = Base64.getEncoder().encodeToString((user + "\0" + james.adminUser() + "\0" + Backends.ADMIN_PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
      out.write(("a0 AUTHENTICATE PLAIN\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in.readLine();
      out.write((plain + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line;
      while (!(line = in.readLine()).startsWith("a0 ")) {
        // capabilities
      }
      assertThat(line).startsWith("a0 OK");
      List<List<String>> answers = new ArrayList<>();
      for (int i = 0; i < commands.length; i++) {
        String tag = "a" + (i + 1);
        out.write((tag + " " + commands[i] + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> answer = new ArrayList<>();
        do {
          line = in.readLine();
          answer.add(line);
        } while (!line.startsWith(tag + " "));
        answers.add(answer);
      }
      out.write("z LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return answers;
    }
  }
}
