package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end from the spool: a real MariaDB, the real James distribution as a child process, a real archive
 * journal. Spooled messages are journaled byte-identical, land in both INBOXes over LMTP, and leave the spool;
 * with James stopped they wait deferred in the spool and drain when it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryJamesIT {
  private static final String HOST = "127.0.0.1";
  private static final String DOMAIN = "example.eu";
  private static final String ADMIN = "james-admin@" + DOMAIN;
  private static final String ADMIN_PASSWORD = "admin-secret,1";
  private static final List<String> USERS = List.of("alice@" + DOMAIN, "bob@" + DOMAIN);
  private static final Path DIST = Path.of("..", "james-backend", "target", "dist").toAbsolutePath().normalize();
  private static final int FIRST_BATCH = 50;
  private static final int SECOND_BATCH = 10;

  private final Path root = Path.of(System.getProperty("java.io.tmpdir"), "delivery-it-" + System.nanoTime());
  private EmbeddedMariaDb mariaDb;
  private JamesSettings jamesSettings;
  private JamesBackend james;
  private Archive archive;
  private Spool spool;
  private DeliveryWorker worker;
  private final Map<EntryId, byte[]> spooled = new LinkedHashMap<>();

  @BeforeAll
  void startBackends() throws Exception {
    assertThat(DIST.resolve("lib"))
        .as("James distribution missing at %s: package james-backend first (./mvnw -B -q -pl james-backend -am install -DskipITs)", DIST)
        .isDirectory();
    mariaDb = EmbeddedMariaDb.start(root.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("james", "james", "db-secret");
    mariaDb.ensureDatabase("archive", "archive", "archive-secret");
    jamesSettings = new JamesSettings(root.resolve("james"), DIST, HOST,
        new JamesSettings.Ports(Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
            Ports.freeLoopbackPort()),
        mariaDb.jdbcUrl("james"), "james", "db-secret", ADMIN, ADMIN_PASSWORD, "384m");
    james = JamesBackend.start(jamesSettings);
    james.webAdmin().ensureDomain(DOMAIN);
    for (String user : USERS) {
      james.webAdmin().ensureUser(user, "pw-" + user);
    }
    Path keyFile = root.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    archive = Archive.open(new ArchiveSettings(mariaDb.jdbcUrl("archive"), "archive", "archive-secret",
        root.resolve("blobs"), keyFile));
    spool = Spool.open(root.resolve("spool"), SpoolSettings.defaults());
    worker = new DeliveryWorker(spool, new ArchiveJournalSink(archive.journal(), "it-node"),
        new LmtpClient(LmtpTarget.loopback(jamesSettings.ports().lmtp())),
        new DeliverySettings(4, Duration.ofMillis(100),
            new RetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofHours(1))),
        PermanentFailureListener.NONE, Clock.systemUTC());
  }

  @AfterAll
  void stopBackends() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (spool != null) {
      spool.close();
    }
    if (archive != null) {
      archive.close();
    }
    if (james != null) {
      james.stop(Duration.ofSeconds(30));
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
    deleteTree(root);
  }

  /** MariaDB, James and the archive leave about 500 MB under java.io.tmpdir per run. */
  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Test
  void drainsIntoJamesAndTheJournalAndWaitsOutABackendOutage() throws Exception {
    spoolMessages(0, FIRST_BATCH);
    long started = System.nanoTime();
    worker.start();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> spool.list().isEmpty());
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("delivery IT: %d messages x %d recipients drained (journal + LMTP) in %.2f s = %.1f messages/s%n",
        FIRST_BATCH, USERS.size(), seconds, FIRST_BATCH / seconds);
    assertInboxesHold(FIRST_BATCH);
    assertJournaled();

    assertThat(james.stop(Duration.ofSeconds(60))).as("James stopped").isTrue();
    james = null;
    List<EntryId> during = spoolMessages(FIRST_BATCH, SECOND_BATCH);
    worker.wakeUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> during.stream().allMatch(id -> spool.get(id)
        .map(e -> e.journaled() && e.recipients().stream().allMatch(r -> r.status() == DeliveryStatus.PENDING && r.attempts() >= 1))
        .orElse(false)));
    assertThat(spool.list()).hasSize(SECOND_BATCH);
    assertThat(spool.list()).allSatisfy(e -> assertThat(e.lastError()).hasValueSatisfying(
        error -> assertThat(error).contains("4.4.1 james unavailable")));

    james = JamesBackend.start(jamesSettings);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> spool.list().isEmpty());
    assertInboxesHold(FIRST_BATCH + SECOND_BATCH);
    assertJournaled();
  }

  private List<EntryId> spoolMessages(int from, int count) {
    List<EntryId> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      EntryId id = EntryId.next();
      byte[] message = message(i, id);
      Envelope envelope = new Envelope(id, Instant.now(), Direction.INBOUND, "sender-" + i + "@example.org",
          USERS.stream().map(Recipient::of).toList(), null, null, BodyType.EIGHT_BIT_MIME, false, "192.0.2.7",
          "mx.example.org", null);
      spool.accept(envelope, new ByteArrayInputStream(message)).join();
      spooled.put(id, message);
      ids.add(id);
    }
    return ids;
  }

  private static byte[] message(int i, EntryId id) {
    String body = "From: sender-" + i + "@example.org\r\nTo: alice@example.eu, bob@example.eu\r\n"
        + "Subject: delivery " + i + "\r\nMessage-ID: <" + id + "@it.example.org>\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Grüße, message " + i + "\r\n.leading dot survives\r\n" + "line\r\n".repeat(i % 40) + ".\r\nend\r\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private void assertJournaled() throws Exception {
    for (Map.Entry<EntryId, byte[]> entry : spooled.entrySet()) {
      assertThat(archive.journal().read(entry.getKey().toString())).as("journaled %s", entry.getKey())
          .isEqualTo(entry.getValue());
    }
  }

  private void assertInboxesHold(int expected) throws Exception {
    for (String user : USERS) {
      assertThat(inboxCount(user)).as("INBOX of %s", user).isEqualTo(expected);
    }
  }

  /** IMAP AUTHENTICATE PLAIN as the administrator acting for {@code user}, as the gateway reads mailboxes. */
  private int inboxCount(String user) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.auth.mechanisms", "PLAIN");
    props.put("mail.imap.auth.login.disable", "true");
    props.put("mail.imap.sasl.authorizationid", user);
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "30000");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(HOST, jamesSettings.ports().imap(), ADMIN, ADMIN_PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessageCount();
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
