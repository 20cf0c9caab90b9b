package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Recipient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pooled LMTP client (and with it the shared transaction dialogue) against a scripted loopback server. */
class LmtpClientTest {
  private static final String MESSAGE = "Subject: hi\r\n\r\n.dot line\r\nbody\r\n";
  private static final MessageSource SOURCE = () -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8));
  private static final List<String> THREE = List.of("a@example.eu", "bad@example.eu", "c@example.eu");

  private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAtEnd.reversed()) {
      c.close();
    }
  }

  private FakeLmtpServer server(FakeLmtpServer.Script script) throws IOException {
    FakeLmtpServer server = FakeLmtpServer.start(0, script);
    closeAtEnd.add(server);
    return server;
  }

  private LmtpClient client(FakeLmtpServer server) {
    LmtpClient client = new LmtpClient(new LmtpTarget("127.0.0.1", server.port(), "gateway.test", Duration.ofSeconds(2),
        Duration.ofSeconds(5)));
    closeAtEnd.add(client);
    return client;
  }

  private static DeliveryTransaction tx(List<String> recipients) {
    return DeliveryTransaction.simple("sender@remote.org", recipients, MESSAGE.length(), BodyType.SEVEN_BIT, false);
  }

  private static List<String> codes(List<RecipientReply> replies) {
    return replies.stream().map(r -> r.recipient() + " " + r.reply().code()
        + (r.reply().enhanced() == null ? "" : " " + r.reply().enhanced())).toList();
  }

  private static long count(FakeLmtpServer server, String prefix) {
    return server.commands().stream().filter(c -> c.startsWith(prefix)).count();
  }

  @Test
  void refusedRecipientGetsItsOwnReplyAndTheOthersAreDelivered() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp()
        .rcpt(r -> r.startsWith("bad") ? "550 5.1.1 no such user" : "250 2.1.5 OK"));
    List<RecipientReply> replies = client(server).deliver(tx(THREE), SOURCE);

    assertThat(codes(replies)).containsExactly("a@example.eu 250 2.0.0", "bad@example.eu 550 5.1.1", "c@example.eu 250 2.0.0");
    assertThat(replies.get(1).reply().lines()).containsExactly("no such user");
    assertThat(server.received()).singleElement().satisfies(r -> {
      assertThat(r.recipients()).containsExactly("a@example.eu", "c@example.eu");
      assertThat(new String(r.content(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
    });
  }

  @Test
  void lmtpAnswersEachAcceptedRecipientAfterTheDot() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp()
        .data(r -> r.startsWith("c") ? "452 4.2.2 mailbox full" : "250 2.0.0 stored"));
    assertThat(codes(client(server).deliver(tx(List.of("a@example.eu", "c@example.eu")), SOURCE)))
        .containsExactly("a@example.eu 250 2.0.0", "c@example.eu 452 4.2.2");
  }

  @Test
  void serviceClosingMidEnvelopeAnswersEveryRecipientWithItAndDropsTheConnection() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp()
        .rcpt(r -> r.startsWith("bad") ? "421 4.3.2 shutting down" : "250 2.1.5 OK"));
    LmtpClient client = client(server);

    assertThat(codes(client.deliver(tx(THREE), SOURCE)))
        .containsExactly("a@example.eu 421 4.3.2", "bad@example.eu 421 4.3.2", "c@example.eu 421 4.3.2");
    assertThat(server.received()).isEmpty();
    assertThat(count(server, "DATA")).isZero();
    assertThat(client.idleConnections()).isZero();

    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void serviceClosingAtMailOnAFreshConnectionIsAReplyNotAnException() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().mail(m -> "421 4.3.2 going down"));
    assertThat(codes(client(server).deliver(tx(List.of("a@example.eu", "c@example.eu")), SOURCE)))
        .containsExactly("a@example.eu 421 4.3.2", "c@example.eu 421 4.3.2");
  }

  @Test
  void refusedMailAnswersForEveryRecipientAndNoDataIsSent() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().mail(m -> "550 5.7.1 sender blocked"));
    LmtpClient client = client(server);
    assertThat(codes(client.deliver(tx(THREE), SOURCE)))
        .containsExactly("a@example.eu 550 5.7.1", "bad@example.eu 550 5.7.1", "c@example.eu 550 5.7.1");
    assertThat(count(server, "DATA")).isZero();
    assertThat(client.idleConnections()).isEqualTo(1);
  }

  @Test
  void withoutPipeliningARefusedMailStopsBeforeTheRecipients() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().extensions("SIZE").mail(m -> "451 4.3.0 try later"));
    assertThat(codes(client(server).deliver(tx(THREE), SOURCE))).allMatch(r -> r.endsWith("451 4.3.0"));
    assertThat(count(server, "RCPT")).isZero();
  }

  @Test
  void refusedDataAnswersTheAcceptedRecipientsAndKeepsTheRcptRefusals() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().dataStart("554 5.6.0 no thanks")
        .rcpt(r -> r.startsWith("bad") ? "550 5.1.1 no such user" : "250 2.1.5 OK"));
    assertThat(codes(client(server).deliver(tx(THREE), SOURCE)))
        .containsExactly("a@example.eu 554 5.6.0", "bad@example.eu 550 5.1.1", "c@example.eu 554 5.6.0");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void twoTransactionsShareOnePooledConnectionWithRsetBetween() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    LmtpClient client = client(server);
    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    client.deliver(tx(List.of("c@example.eu")), SOURCE);

    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.received()).hasSize(2);
    assertThat(server.commands()).filteredOn(c -> !c.startsWith("RCPT"))
        .containsExactly("LHLO gateway.test", "MAIL FROM:<sender@remote.org> SIZE=" + MESSAGE.length(), "DATA",
            "RSET", "MAIL FROM:<sender@remote.org> SIZE=" + MESSAGE.length(), "DATA");
    assertThat(client.idleConnections()).isEqualTo(1);
  }

  @Test
  void withoutPoolingEveryTransactionHasItsOwnConnection() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    LmtpClient client = new LmtpClient(LmtpTarget.loopback(server.port()).withPool(PoolSettings.none()));
    closeAtEnd.add(client);
    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    assertThat(server.connections()).isEqualTo(2);
    assertThat(count(server, "QUIT")).isEqualTo(2);
  }

  @Test
  void aStalePooledConnectionIsRetriedOnceOnAFreshOne() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    LmtpClient client = client(server);
    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    server.dropConnections();

    assertThat(codes(client.deliver(tx(List.of("c@example.eu")), SOURCE))).containsExactly("c@example.eu 250 2.0.0");
    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void aPooledConnectionAnswering421IsRetriedOnceOnAFreshOne() throws Exception {
    AtomicInteger mails = new AtomicInteger();
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp()
        .mail(m -> mails.incrementAndGet() == 2 ? "421 4.4.2 idle too long" : "250 2.1.0 OK"));
    LmtpClient client = client(server);
    client.deliver(tx(List.of("a@example.eu")), SOURCE);
    assertThat(codes(client.deliver(tx(List.of("c@example.eu")), SOURCE))).containsExactly("c@example.eu 250 2.0.0");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aBreakAfterTheFinalDotIsAnExceptionAndNeverRetried() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().data(r -> null));
    LmtpClient client = client(server);
    assertThatThrownBy(() -> client.deliver(tx(List.of("a@example.eu")), SOURCE)).isInstanceOf(IOException.class);
    assertThat(server.received()).hasSize(1);
    assertThat(server.connections()).isEqualTo(1);
    assertThat(client.idleConnections()).isZero();
  }

  @Test
  void unreachableServerIsAnException() throws Exception {
    // A port held by a bound socket that never listens: connecting is refused, and no other process can take
    // the port meanwhile (a closed server's port could be reused by anyone on a busy machine).
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      LmtpClient client = new LmtpClient(new LmtpTarget("127.0.0.1", holder.getLocalPort(), "gateway.test",
          Duration.ofSeconds(2), Duration.ofSeconds(2)));
      assertThatThrownBy(() -> client.deliver(tx(List.of("a@example.eu")), SOURCE)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void dsnParametersArePassedOnlyWhenAdvertised() throws Exception {
    DeliveryTransaction tx = new DeliveryTransaction(null, List.of(
        new Recipient("b@example.eu", Set.of(DsnNotify.FAILURE, DsnNotify.SUCCESS), new OriginalRecipient("rfc822", "b+x=y@example.eu")),
        new Recipient("n@example.eu", Set.of(DsnNotify.NEVER), null)), MESSAGE.length(), BodyType.EIGHT_BIT_MIME, false,
        DsnRet.HDRS, "id 1+2");

    FakeLmtpServer withDsn = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "8BITMIME", "DSN"));
    client(withDsn).deliver(tx, SOURCE);
    assertThat(withDsn.commands()).contains("MAIL FROM:<> BODY=8BITMIME RET=HDRS ENVID=id+201+2B2",
        "RCPT TO:<b@example.eu> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Bx+3Dy@example.eu",
        "RCPT TO:<n@example.eu> NOTIFY=NEVER");

    FakeLmtpServer withoutDsn = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "8BITMIME"));
    client(withoutDsn).deliver(tx, SOURCE);
    assertThat(withoutDsn.commands()).contains("MAIL FROM:<> BODY=8BITMIME", "RCPT TO:<b@example.eu>", "RCPT TO:<n@example.eu>");
  }

  @Test
  void aMessageOverTheServersSizeLimitIsRefusedBeforeMail() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "SIZE 10"));
    List<RecipientReply> replies = client(server).deliver(tx(List.of("a@example.eu", "c@example.eu")), SOURCE);
    assertThat(replies).allSatisfy(r -> {
      assertThat(r.reply().code()).isEqualTo(552);
      assertThat(r.reply().enhanced()).isEqualTo("5.3.4");
    });
    assertThat(count(server, "MAIL")).isZero();
  }

  @Test
  void nonAsciiAddressIsRefusedWhenTheServerLacksSmtpUtf8() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    DeliveryTransaction tx = DeliveryTransaction.simple("sender@remote.org", List.of("jörg@example.eu"), 10,
        BodyType.EIGHT_BIT_MIME, true);
    assertThat(client(server).deliver(tx, SOURCE)).singleElement()
        .satisfies(r -> assertThat(r.reply()).isEqualTo(SmtpReply.of(553, "5.6.7",
            "Next hop does not support SMTPUTF8; non-ASCII address")));
    assertThat(count(server, "MAIL")).isZero();
  }
}
