package eu.sovereignmail.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.sovereignmail.gateway.authres.DkimCheck;
import eu.sovereignmail.gateway.authres.DkimResult;
import eu.sovereignmail.gateway.delivery.DeliverySettings;
import eu.sovereignmail.gateway.delivery.DeliveryWorker;
import eu.sovereignmail.gateway.delivery.JournalSink;
import eu.sovereignmail.gateway.delivery.RetrySchedule;
import eu.sovereignmail.gateway.delivery.Routing;
import eu.sovereignmail.gateway.delivery.Transport;
import eu.sovereignmail.gateway.dkim.DkimAlgorithm;
import eu.sovereignmail.gateway.dkim.DkimKey;
import eu.sovereignmail.gateway.dkim.DkimKeyStore;
import eu.sovereignmail.gateway.dkim.DkimSigner;
import eu.sovereignmail.gateway.dkim.DkimSigningTransport;
import eu.sovereignmail.gateway.dsn.BounceSender;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.gateway.testing.LoopbackDns;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail for other domains leaves through the real delivery worker and spool: MX found in the loopback DNS, GreenMail
 * as the internet peer on a free port, DKIM-signed on the way (the signature verifies against the published TXT
 * record), journaled as outbound; with the peer down it is retried until the (shortened) maximum age, then the
 * sender gets a DSN, itself delivered to the sender's remote domain.
 */
class OutboundDeliveryIT {
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  private LoopbackDns dns;
  private GreenMail peer;
  private Spool spool;
  private DeliveryWorker worker;
  private Transport transport;
  private final Map<EntryId, Direction> journaled = new ConcurrentHashMap<>();
  private final List<String> local = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    int peerPort = Ports.freeLoopbackPort();
    peer = new GreenMail(new ServerSetup(peerPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    peer.start();
    dns = LoopbackDns.start()
        .add("remote.test", "@ MX 10 mx", "mx A 127.0.0.1")
        .add("down.test", "@ MX 10 mx", "mx A 127.0.0.2")
        .add("example.eu", "@ A 127.0.0.1");
    DkimKeyStore keys = new DkimKeyStore(dir.resolve("dkim"));
    DkimKey key = keys.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    dns.txt(key.dnsName(), key.txtRecord());
    OutboundSettings settings = new OutboundSettings("gw.example.eu", peerPort, 2, 2, Duration.ofSeconds(2),
        Duration.ofSeconds(10), true, true);
    transport = new DkimSigningTransport(new DirectTransport(settings, dns.client(), Optional.of(new MtaSts(dns.client(),
        domain -> { throw new java.io.IOException("no policy server in this test"); }, Clock.systemUTC()))),
        new DkimSigner(keys, Clock.systemUTC()));
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    JournalSink journal = (entry, message) -> journaled.put(entry.id(), entry.envelope().direction());
    Routing routing = new Routing() {
      @Override
      public Optional<Route> routeFor(String address) {
        return address.endsWith("@example.eu") ? Optional.of(Route.SOVEREIGN) : Optional.empty();
      }

      @Override
      public boolean failover(String address, SmtpReply legacyReply, Duration failingFor) {
        return false;
      }
    };
    Transport james = new Transport() {
      @Override
      public String name() {
        return "james";
      }

      @Override
      public List<eu.sovereignmail.gateway.delivery.RecipientReply> deliver(
          eu.sovereignmail.gateway.delivery.DeliveryTransaction tx, eu.sovereignmail.gateway.delivery.MessageSource message)
          throws java.io.IOException {
        try (var in = message.open()) {
          local.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return tx.addresses().stream().map(a -> new eu.sovereignmail.gateway.delivery.RecipientReply(a, SmtpReply.OK)).toList();
      }
    };
    worker = new DeliveryWorker(spool, journal, Map.of(Destination.REMOTE, transport, Destination.JAMES, james), routing,
        new DeliverySettings(2, Duration.ofMillis(50), new RetrySchedule(Duration.ofMillis(200), Duration.ofMillis(400),
            Duration.ofSeconds(3))),
        new BounceSender(spool, "gw.example.eu", Clock.systemUTC()), Clock.systemUTC());
    worker.start();
  }

  @AfterEach
  void stop() throws Exception {
    worker.close();
    transport.close();
    spool.close();
    peer.stop();
    dns.close();
  }

  @Test
  void submittedMessageArrivesDkimSignedAndVerifies() throws Exception {
    EntryId id = submit("alice@example.eu", "bob@remote.test", "alice@example.eu");
    await().atMost(AWAIT).until(() -> peer.getReceivedMessages().length == 1);
    MimeMessage received = peer.getReceivedMessages()[0];
    assertThat(received.getHeader("DKIM-Signature")).hasSize(1);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    received.writeTo(raw);
    List<DkimResult> results = new DkimCheck(dns.client()).verify(new ByteArrayInputStream(raw.toByteArray()));
    assertThat(results).extracting(DkimResult::result, DkimResult::domain).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pass", "example.eu"));
    await().atMost(AWAIT).until(() -> spool.get(id).isEmpty());
    assertThat(journaled).containsEntry(id, Direction.OUTBOUND);
  }

  @Test
  void peerDownIsRetriedThenTheSenderGetsADsn() throws Exception {
    EntryId id = submit("alice@example.eu", "dave@down.test", "alice@example.eu");
    await().atMost(AWAIT).until(() -> spool.get(id).map(e -> e.recipients().getFirst().attempts() >= 2).orElse(true));
    await().atMost(AWAIT).until(() -> local.size() == 1);
    String dsn = local.getFirst();
    assertThat(dsn).contains("multipart/report", "report-type=delivery-status", "Final-Recipient: rfc822; dave@down.test",
        "Action: failed", "mx.down.test");
    await().atMost(AWAIT).until(() -> spool.get(id).isEmpty());
    assertThat(peer.getReceivedMessages()).isEmpty();
  }

  @Test
  void nullMxFailsAtOnce() throws Exception {
    dns.add("nomail.test", "@ MX 0 .");
    EntryId id = submit("alice@example.eu", "x@nomail.test", "alice@example.eu");
    await().atMost(AWAIT).until(() -> spool.get(id).map(e -> e.recipients().getFirst().lastError() != null
        && e.recipients().getFirst().lastError().contains("556 5.1.10")).orElse(true));
  }

  private EntryId submit(String mailFrom, String rcpt, String from) {
    byte[] message = ("From: <" + from + ">\r\nTo: <" + rcpt + ">\r\nSubject: outbound test\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n"
        + "Message-ID: <" + System.nanoTime() + "@example.eu>\r\n\r\nHello from the gateway.\r\n").getBytes(StandardCharsets.US_ASCII);
    Envelope envelope = new Envelope(EntryId.next(), Instant.now(), Direction.OUTBOUND, mailFrom, List.of(Recipient.of(rcpt)),
        null, null, BodyType.SEVEN_BIT, false, "127.0.0.1", "client.example.eu", "alice@example.eu");
    EntryId id = spool.accept(envelope, new ByteArrayInputStream(message)).join().id();
    worker.wakeUp();
    return id;
  }
}
