package eu.sovereignmail.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.ChildProcess;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The durability promise of the James backend, end to end: real MariaDB, the real distribution in
 * target/dist started as a child JVM, mail in over LMTP/SMTP, read back over IMAP as the gateway
 * does (administrator acting as the user), across graceful stops and kill -9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableJamesIT {
  private static final String HOST = "127.0.0.1";
  private static final String DOMAIN = "example.eu";
  private static final String ADMIN = "james-admin@" + DOMAIN;
  private static final String ADMIN_PASSWORD = "admin-secret,1";
  private static final String ALICE = "alice@" + DOMAIN;
  private static final String ALICE_ALIAS = "a.liddell@" + DOMAIN;
  private static final String BOB = "bob@" + DOMAIN;
  private static final String TEAM = "team@" + DOMAIN;
  private static final String CLEO = "cleo@" + DOMAIN;
  private static final String DAN = "dan@" + DOMAIN;

  private final Path root = Path.of("target", "it-james-" + System.nanoTime()).toAbsolutePath();
  private EmbeddedMariaDb mariaDb;
  private JamesSettings settings;
  private JamesBackend james;

  @BeforeAll
  void startDatabase() throws IOException {
    mariaDb = EmbeddedMariaDb.start(root.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("james", "james", "db-secret");
    settings = new JamesSettings(root.resolve("james"), Path.of("target", "dist"), HOST,
        new JamesSettings.Ports(Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
            Ports.freeLoopbackPort()),
        mariaDb.jdbcUrl("james"), "james", "db-secret", ADMIN, ADMIN_PASSWORD, "384m");
  }

  @AfterEach
  void stopJames() {
    if (james != null) {
      james.stop(Duration.ofSeconds(30));
      james = null;
    }
  }

  @AfterAll
  void stopDatabase() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  @Order(1)
  void mailDeliveredOverLmtpSurvivesAGracefulRestartWithUsersAndAliases() throws Exception {
    start();
    james.webAdmin().ensureDomain(DOMAIN);
    james.webAdmin().ensureDomain(DOMAIN);
    james.webAdmin().ensureUser(ALICE, "alice-pw");
    james.webAdmin().ensureUser(BOB, "bob-pw");
    james.webAdmin().ensureUser(BOB, "bob-pw");
    james.webAdmin().addAlias(ALICE_ALIAS, ALICE);
    james.webAdmin().addAlias(ALICE_ALIAS, ALICE);
    MailDrop.lmtp(HOST, settings.ports().lmtp(), BOB, ALICE, "before graceful stop", "kept across SIGTERM");
    MailDrop.lmtp(HOST, settings.ports().lmtp(), BOB, ALICE_ALIAS, "to the alias", "rewritten to alice");

    long stopStarted = System.nanoTime();
    assertThat(james.stop(Duration.ofSeconds(60))).as("stopped within grace").isTrue();
    System.out.printf("james.stop graceful_ms=%d%n", (System.nanoTime() - stopStarted) / 1_000_000);
    james = null;
    start();

    assertThat(james.webAdmin().listUsers()).contains(ADMIN, ALICE, BOB);
    assertThat(james.webAdmin().listAliases(ALICE)).containsExactly(ALICE_ALIAS);
    try (AdminImap imap = openInbox(ALICE)) {
      assertThat(imap.subjects()).contains("before graceful stop", "to the alias");
      assertThat(imap.bodyOf("before graceful stop")).isEqualTo("kept across SIGTERM");
    }
    assertThatThrownBy(() -> AdminImap.openAs(ALICE, HOST, settings.ports().imap(), BOB, "bob-pw"))
        .as("only the administrator may act as another user")
        .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
  }

  @Test
  @Order(2)
  void mailDeliveredJustBeforeAKillIsReadableAndSearchable() throws Exception {
    start();
    MailDrop.lmtp(HOST, settings.ports().lmtp(), BOB, ALICE, "quarterly budget crash", "kept across kill -9");
    james.kill();
    james = null;
    start();

    assertThat(james.webAdmin().listUsers()).contains(ALICE, BOB);
    assertThat(james.webAdmin().listAliases(ALICE)).containsExactly(ALICE_ALIAS);
    try (AdminImap imap = openInbox(ALICE)) {
      assertThat(imap.bodyOf("quarterly budget crash")).isEqualTo("kept across kill -9");
      // Lucene's last second may be lost by the kill; the unclean-stop reindex brings it back.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> imap.searchSubject("budget") == 1);
      assertThat(imap.searchSubject("graceful")).isEqualTo(1);
    }
  }

  @Test
  @Order(3)
  void mailAcceptedOverSmtpButStillQueuedAtAKillIsDeliveredAfterRestart() throws Exception {
    start();
    int before;
    try (AdminImap imap = openInbox(BOB)) {
      before = imap.count();
    }
    int mails = 120;
    ExecutorService senders = Executors.newFixedThreadPool(6);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < mails; i++) {
      String subject = "queued " + i;
      sent.add(senders.submit(() -> {
        MailDrop.smtp(HOST, settings.ports().smtp(), ALICE, BOB, subject, "accepted with 250 before the kill");
        return null;
      }));
    }
    for (Future<?> future : sent) {
      future.get();
    }
    senders.shutdown();
    long queued = james.webAdmin().queueSize("spool");
    james.kill();
    james = null;
    System.out.printf("james.kill spool_size_at_kill=%d%n", queued);
    assertThat(queued).as("mails still in the spool queue when James was killed").isPositive();

    start();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      try (AdminImap imap = openInbox(BOB)) {
        assertThat(imap.count() - before).isGreaterThanOrEqualTo(mails);
      }
    });
  }

  @Test
  @Order(4)
  void jamesExitsWhenItsSupervisorDies() throws Exception {
    start();
    james.stop(Duration.ofSeconds(60));
    james = null;
    Process supervisor = new ProcessBuilder("sleep", "600").start();
    Path home = settings.home();
    ChildProcess orphanCandidate = ChildProcess.start("james-watchdog", List.of(
            ChildProcess.currentJava().toString(), "-Xmx384m",
            "-Dworking.directory=" + home,
            "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
            "-Dsovereign.parent.pid=" + supervisor.pid(),
            "-cp", Path.of("target", "dist", "lib").toAbsolutePath() + "/*",
            "eu.sovereignmail.james.SovereignJamesMain"),
        home, java.util.Map.of(), home.resolve("logs/james-watchdog.log"));
    try {
      assertThat(Ports.awaitListening(java.net.InetAddress.getByName(HOST), settings.ports().imap(), Duration.ofSeconds(120)))
          .as("James started under the fake supervisor").isTrue();
      supervisor.destroyForcibly();
      orphanCandidate.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(orphanCandidate.isAlive()).isFalse();
    } finally {
      orphanCandidate.kill();
      supervisor.destroyForcibly();
    }
  }

  /**
   * A team mailbox shared over IMAP ACLs (what provisioning does for a Keycloak group with {@code sharedMailbox}):
   * the owner grants, the member lists, selects, fetches and appends under {@code Shared.<owner>}, an outsider sees
   * nothing, the member cannot administer it, the grant survives a restart, and DELETEACL takes it away.
   */
  @Test
  @Order(5)
  void aMailboxSharedOverImapAclIsVisibleToTheMemberAndSurvivesARestart() throws Exception {
    start();
    james.webAdmin().ensureDomain(DOMAIN);
    james.webAdmin().ensureUser(TEAM, "team-pw");
    james.webAdmin().ensureUser(CLEO, "cleo-pw");
    james.webAdmin().ensureUser(DAN, "dan-pw");
    MailDrop.lmtp(HOST, settings.ports().lmtp(), BOB, TEAM, "for the team", "shared reading");

    try (RawImap team = imapAs(TEAM)) {
      assertThat(RawImap.status(team.command("SETACL INBOX " + CLEO + " lrswipkte"))).startsWith("OK");
      assertThat(grantedTo(team.command("GETACL INBOX"), CLEO)).isEqualTo(sorted("lrswipkte"));
    }
    assertMemberReadsAndWrites("before restart");
    try (RawImap dan = imapAs(DAN)) {
      assertThat(dan.command("LIST \"\" \"*\"")).noneMatch(line -> line.contains("Shared"));
      assertThat(RawImap.status(dan.command("SELECT Shared.team"))).startsWith("NO");
    }
    try (RawImap cleo = imapAs(CLEO)) {
      assertThat(RawImap.status(cleo.command("SETACL Shared.team " + DAN + " lr"))).as("no 'a' right").startsWith("NO");
      assertThat(RawImap.status(cleo.command("DELETE Shared.team"))).as("not the owner").startsWith("NO");
      assertThat(RawImap.status(cleo.command("CREATE Shared.team.Sub"))).as("only owners create mailboxes").startsWith("NO");
    }

    assertThat(james.stop(Duration.ofSeconds(60))).isTrue();
    james = null;
    start();

    try (RawImap team = imapAs(TEAM)) {
      assertThat(grantedTo(team.command("GETACL INBOX"), CLEO)).as("the ACL is in the database")
          .isEqualTo(sorted("lrswipkte"));
    }
    assertMemberReadsAndWrites("after restart");

    try (RawImap team = imapAs(TEAM)) {
      assertThat(RawImap.status(team.command("DELETEACL INBOX " + CLEO))).startsWith("OK");
    }
    try (RawImap cleo = imapAs(CLEO)) {
      assertThat(cleo.command("LIST \"\" \"*\"")).noneMatch(line -> line.contains("Shared"));
      assertThat(RawImap.status(cleo.command("SELECT Shared.team"))).startsWith("NO");
      assertThat(RawImap.status(cleo.command("STATUS Shared.team (MESSAGES)"))).startsWith("NO");
    }
    try (AdminImap team = openInbox(TEAM)) {
      assertThat(team.subjects()).contains("for the team", "appended by cleo before restart", "appended by cleo after restart");
    }
  }

  private void assertMemberReadsAndWrites(String when) throws IOException {
    try (RawImap cleo = imapAs(CLEO)) {
      List<String> list = cleo.command("LIST \"\" \"*\"");
      assertThat(list).anyMatch(line -> line.startsWith("* LIST") && line.endsWith("\"Shared.team\""));
      assertThat(list).anyMatch(line -> line.startsWith("* LIST") && line.endsWith("\"INBOX\""));
      List<String> select = cleo.command("SELECT Shared.team");
      assertThat(RawImap.status(select)).startsWith("OK [READ-WRITE]");
      assertThat(cleo.command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
          .anyMatch(line -> line.contains("Subject: for the team"));
      assertThat(RawImap.status(cleo.append("Shared.team", "From: <" + CLEO + ">\r\nSubject: appended by cleo " + when
          + "\r\n\r\nnote\r\n"))).startsWith("OK");
      assertThat(cleo.command("MYRIGHTS Shared.team")).anyMatch(line -> line.startsWith("* MYRIGHTS")
          && line.endsWith(" \"" + sorted("lrswipkte") + "\""));
    }
  }

  /** The rights of {@code who} in a GETACL answer, letters sorted; empty when not listed. */
  private static String grantedTo(List<String> getAcl, String who) {
    for (String line : getAcl) {
      if (line.startsWith("* ACL")) {
        String[] words = line.replace("\"", "").split(" ");
        for (int i = 3; i + 1 < words.length; i += 2) {
          if (words[i].equals(who)) {
            return sorted(words[i + 1]);
          }
        }
      }
    }
    return "";
  }

  private static String sorted(String rights) {
    return rights.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private RawImap imapAs(String user) throws IOException {
    return RawImap.openAs(user, HOST, settings.ports().imap(), ADMIN, ADMIN_PASSWORD);
  }

  private void start() throws IOException {
    long started = System.nanoTime();
    james = JamesBackend.start(settings);
    System.out.printf("james.start ms=%d%n", (System.nanoTime() - started) / 1_000_000);
  }

  private AdminImap openInbox(String user) throws Exception {
    return AdminImap.openAs(user, HOST, settings.ports().imap(), ADMIN, ADMIN_PASSWORD);
  }
}
