package eu.sovereignmail.gateway.smtp.server;

import eu.sovereignmail.gateway.testing.RawSmtpClient;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.smtp.session.SpooledMessages;
import eu.sovereignmail.gateway.smtp.session.TestPolicies;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The listener over real loopback sockets, a real spool, a real TLS handshake and a real SMTP client (Angus Mail). */
class SmtpServerIT {
  private static final String HOST = "mx.example.eu";
  private static Path dir;
  private static TestKeystore keystore;
  private static SSLContext clientTls;
  private static Spool spool;
  private static SmtpServer server;
  private static int mxPort;
  private static int submissionPort;
  private static int submissionsPort;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "smtp-it")), "run-");
    keystore = TestKeystore.create(dir);
    clientTls = keystore.clientContext();
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    mxPort = Ports.freeLoopbackPort();
    submissionPort = Ports.freeLoopbackPort();
    submissionsPort = Ports.freeLoopbackPort();
    server = server(ServerLimits.defaults().withConnections(1000, 500).withReverseDns(false),
        mxPort, submissionPort, submissionsPort);
  }

  private static SmtpServer server(ServerLimits limits, int mx, int submission, int submissions) throws Exception {
    SmtpServer started = new SmtpServer(List.of(
        new SmtpListener("127.0.0.1", mx, SessionSettings.defaults(ListenerKind.MX, HOST)),
        new SmtpListener("127.0.0.1", submission, SessionSettings.defaults(ListenerKind.SUBMISSION, HOST)),
        new SmtpListener("127.0.0.1", submissions, SessionSettings.defaults(ListenerKind.SUBMISSIONS, HOST))),
        limits, Optional.of(keystore.serverTls()), spool, TestPolicies.policies(), Clock.systemUTC());
    started.start();
    return started;
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (spool != null) {
      spool.close();
    }
  }

  private static EntryId queuedId(String reply) {
    assertThat(reply).startsWith("250 2.0.0 OK queued as ");
    return EntryId.parse(reply.substring("250 2.0.0 OK queued as ".length()).trim());
  }

  /** DATA only: Angus 2.0.5 dot-stuffs BDAT chunks (mail.smtp.chunksize), which RFC 3030 forbids; BDAT is covered raw. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"smtp", "smtps"})
  void angusClientSubmitsOverTlsWithAuthAndTheSpoolHoldsTheSameBytes(String protocol) throws Exception {
    Properties props = new Properties();
    String p = "mail." + protocol + ".";
    props.put(p + "host", "127.0.0.1");
    props.put(p + "port", String.valueOf(protocol.equals("smtp") ? submissionPort : submissionsPort));
    props.put(p + "auth", "true");
    props.put(p + "starttls.enable", "true");
    props.put(p + "starttls.required", String.valueOf(protocol.equals("smtp")));
    props.put(p + "ssl.socketFactory", clientTls.getSocketFactory());
    props.put(p + "ssl.checkserveridentity", "true");
    props.put(p + "timeout", "30000");
    Session mail = Session.getInstance(props);
    MimeMessage message = new MimeMessage(mail);
    message.setFrom(new InternetAddress("alice@" + TestPolicies.DOMAIN));
    message.setRecipients(Message.RecipientType.TO, "friend@elsewhere.org, bob@" + TestPolicies.DOMAIN);
    message.setSubject("Quarterly figures");
    message.setText("Hello,\r\n.a line starting with a dot\r\n.\r\nand one with only a dot above.\r\n"
        + "x".repeat(70 * 71).replaceAll("(.{70})", "$1\r\n"));
    message.saveChanges();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    message.writeTo(expected);

    try (SMTPTransport transport = (SMTPTransport) mail.getTransport(protocol)) {
      transport.connect("alice", TestPolicies.PASSWORD);
      transport.sendMessage(message, message.getAllRecipients());
      EntryId id = queuedId(transport.getLastServerResponse());
      SpoolEntry entry = spool.get(id).orElseThrow();
      assertThat(entry.envelope().authenticatedUser()).isEqualTo("alice@" + TestPolicies.DOMAIN);
      assertThat(entry.envelope().recipients()).hasSize(2);
      assertThat(SpooledMessages.afterReceived(spool, id)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void bdatChunksArriveByteIdentical() throws Exception {
    String first = "Subject: chunked\r\n\r\n.a dot line\r\n";
    String second = ".\r\nbinary-transparent\r\n";
    try (RawSmtpClient client = new RawSmtpClient(mxPort)) {
      client.reply();
      client.write("EHLO chunker.example\r\nMAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\n"
          + "BDAT " + first.length() + "\r\n" + first + "BDAT " + second.length() + " LAST\r\n" + second);
      assertThat(client.reply()).contains("CHUNKING");
      assertThat(client.reply()).startsWith("250 2.1.0");
      assertThat(client.reply()).startsWith("250 2.1.5");
      assertThat(client.reply()).startsWith("250 2.0.0");
      EntryId id = queuedId(client.reply());
      assertThat(SpooledMessages.afterReceived(spool, id)).isEqualTo(first + second);
    }
  }

  @Test
  void smugglingVectorIsRejectedWith521AndTheConnectionClosed() throws Exception {
    try (RawSmtpClient client = new RawSmtpClient(mxPort)) {
      assertThat(client.reply()).isEqualTo("220 " + HOST + " ESMTP Sovereign Mail");
      client.write("EHLO attacker.example\r\nMAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\n");
      assertThat(client.reply()).startsWith("250-" + HOST);
      assertThat(client.reply()).startsWith("250 2.1.0");
      assertThat(client.reply()).startsWith("250 2.1.5");
      assertThat(client.reply()).startsWith("354");
      client.write("Subject: x\r\n\r\nhello\r\n\n.\nMAIL FROM:<ceo@example.eu>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\n");
      assertThat(client.reply()).startsWith("521 5.5.2");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void plaintextPipelinedBehindStartTlsIsNeverAnswered() throws Exception {
    try (RawSmtpClient client = new RawSmtpClient(mxPort)) {
      client.reply();
      client.write("EHLO client.example\r\n");
      assertThat(client.reply()).contains("STARTTLS");
      client.write("STARTTLS\r\nRSET\r\n");
      assertThat(client.reply()).startsWith("220 2.0.0");
      client.startTls(clientTls.getSocketFactory());
      client.write("EHLO client.example\r\n");
      String first = client.reply();
      assertThat(first).startsWith("250-" + HOST + " Hello client.example").doesNotContain("STARTTLS");
      client.write("QUIT\r\n");
      assertThat(client.reply()).startsWith("221 2.0.0");
    }
  }

  @Test
  void hundredConcurrentSessionsAllGet250AndAllAreSpooled() throws Exception {
    List<EntryId> ids = sendConcurrently(100, 1, 2048, Duration.ZERO, new AtomicLong());
    assertThat(ids).hasSize(100).doesNotHaveDuplicates();
    for (EntryId id : ids) {
      assertThat(spool.get(id)).isPresent();
    }
  }

  @Test
  void silentClientIsClosedAtTheIdleTimeout() throws Exception {
    ServerLimits limits = ServerLimits.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(700)).withReverseDns(false);
    try (SmtpServer tight = server(limits, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort());
        RawSmtpClient client = new RawSmtpClient(tight.port(0))) {
      assertThat(client.reply()).startsWith("220 ");
      long started = System.nanoTime();
      assertThat(client.reply()).startsWith("421 4.4.2");
      assertThat(client.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    }
  }

  @ParameterizedTest(name = "max={0} per address={1} -> {2}")
  @CsvSource({"10, 1, 421 4.7.0", "1, 10, 421 4.3.2"})
  void connectionsBeyondTheLimitsGet421(int max, int perAddress, String refusal) throws Exception {
    ServerLimits limits = ServerLimits.defaults().withConnections(max, perAddress).withReverseDns(false);
    try (SmtpServer tight = server(limits, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort());
        RawSmtpClient first = new RawSmtpClient(tight.port(0));
        RawSmtpClient second = new RawSmtpClient(tight.port(0))) {
      assertThat(first.reply()).startsWith("220 ");
      assertThat(second.reply()).startsWith(refusal);
      assertThat(second.closedByServer()).isTrue();
      first.write("NOOP\r\n");
      assertThat(first.reply()).startsWith("250 2.0.0");
    }
  }

  /** Throughput figure for the README: {@code -Dsmtp.probe=true}. */
  @Test
  @EnabledIfSystemProperty(named = "smtp.probe", matches = "true")
  void probeThroughput() throws Exception {
    AtomicLong sent = new AtomicLong();
    long started = System.nanoTime();
    sendConcurrently(32, 0, 10 * 1024, Duration.ofSeconds(20), sent);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("event=smtp.probe sessions=32 size=10KiB messages=%d seconds=%.1f per_second=%.0f%n", sent.get(),
        seconds, sent.get() / seconds);
  }

  /**
   * {@code sessions} clients on the MX port, started together; each sends {@code perSession} messages, or as many as
   * fit in {@code duration} when {@code perSession} is 0. Returns the ids the server acknowledged.
   */
  private static List<EntryId> sendConcurrently(int sessions, int perSession, int size, Duration duration, AtomicLong sent)
      throws Exception {
    String body = "Subject: load\r\n\r\n" + ("z".repeat(78) + "\r\n").repeat(Math.max(1, size / 80));
    CountDownLatch go = new CountDownLatch(1);
    long deadline = System.nanoTime() + duration.toNanos();
    List<Callable<List<EntryId>>> clients = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      clients.add(() -> {
        List<EntryId> ids = new ArrayList<>();
        try (RawSmtpClient client = new RawSmtpClient(mxPort)) {
          client.reply();
          client.write("EHLO load.example\r\n");
          client.reply();
          go.await();
          for (int n = 0; perSession > 0 ? n < perSession : System.nanoTime() < deadline; n++) {
            client.write("MAIL FROM:<load@remote.org>\r\nRCPT TO:<bob@example.eu>\r\nDATA\r\n");
            assertThat(client.reply()).startsWith("250 2.1.0");
            assertThat(client.reply()).startsWith("250 2.1.5");
            assertThat(client.reply()).startsWith("354");
            client.write(body + ".\r\n");
            ids.add(queuedId(client.reply()));
            sent.incrementAndGet();
          }
          client.write("QUIT\r\n");
          client.reply();
        }
        return ids;
      });
    }
    List<EntryId> all = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<EntryId>>> futures = new ArrayList<>();
      for (Callable<List<EntryId>> client : clients) {
        futures.add(pool.submit(client));
      }
      go.countDown();
      for (Future<List<EntryId>> future : futures) {
        all.addAll(future.get(5, TimeUnit.MINUTES));
      }
    }
    return all;
  }
}
