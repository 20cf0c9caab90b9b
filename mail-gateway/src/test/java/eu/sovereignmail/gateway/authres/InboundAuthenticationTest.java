package eu.sovereignmail.gateway.authres;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.dkim.DkimAlgorithm;
import eu.sovereignmail.gateway.dkim.DkimKey;
import eu.sovereignmail.gateway.dkim.DkimKeyStore;
import eu.sovereignmail.gateway.dkim.DkimSigner;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.session.MessageFilter;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.testing.LoopbackDns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MX door's mail authentication against a loopback DNS holding SPF, DKIM and DMARC records: the right
 * Authentication-Results for passing and failing mail, alignment, the configured DMARC policy, forged fields removed,
 * and DNS failures giving temperror instead of a refusal.
 */
class InboundAuthenticationTest {
  private static final String GOOD_IP = "192.0.2.10";
  private static final String BAD_IP = "198.51.100.7";
  private static final String AUTHSERV = "mx.example.eu";

  @TempDir
  static Path dir;
  private static LoopbackDns dns;
  private static DkimKeyStore keys;

  @BeforeAll
  static void zones() throws Exception {
    dns = LoopbackDns.start()
        .add("sender.test", "@ TXT \"v=spf1 ip4:" + GOOD_IP + " -all\"", "_dmarc TXT \"v=DMARC1; p=reject\"",
            "bounces TXT \"v=spf1 ip4:" + GOOD_IP + " -all\"")
        .add("strict.test", "@ TXT \"v=spf1 ip4:" + GOOD_IP + " -all\"", "_dmarc TXT \"v=DMARC1; p=reject; aspf=s\"",
            "bounces TXT \"v=spf1 ip4:" + GOOD_IP + " -all\"")
        .add("soft.test", "@ TXT \"v=spf1 ~all\"", "_dmarc TXT \"v=DMARC1; p=quarantine\"")
        .add("relaxed.test", "@ TXT \"v=spf1 ?all\"")
        .add("slow.test", "@ TXT \"v=spf1 -all\"", "_dmarc TXT \"v=DMARC1; p=reject\"")
        .silent("slow.test")
        .silent("_dmarc.slow.test");
    keys = new DkimKeyStore(dir.resolve("keys"));
    DkimKey key = keys.generate("sender.test", "s1", DkimAlgorithm.RSA_SHA256);
    dns.txt(key.dnsName(), key.txtRecord());
    DkimKey soft = keys.generate("soft.test", "s1", DkimAlgorithm.ED25519_SHA256);
    dns.txt(soft.dnsName(), soft.txtRecord());
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  private static InboundAuthentication checks(DmarcAction onReject, DmarcAction onQuarantine) {
    var client = dns.client();
    return new InboundAuthentication(new InboundAuthentication.Policy(AUTHSERV, onReject, onQuarantine),
        new SpfCheck(client, AUTHSERV), new DkimCheck(client), new DmarcCheck(client), dir.resolve("tmp"));
  }

  @Test
  void spfPassDkimPassDmarcPass() throws Exception {
    String out = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), GOOD_IP, "alice@sender.test",
        signed(message("alice@sender.test", "")));
    assertThat(out).startsWith("Authentication-Results: mx.example.eu;\r\n\tspf=pass smtp.mailfrom=alice@sender.test;")
        .contains("dkim=pass header.d=sender.test header.s=s1 header.b=")
        .contains("dmarc=pass (p=reject) header.from=sender.test");
  }

  @Test
  void spfFailButDkimAlignedStillPassesDmarc() throws Exception {
    String out = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), BAD_IP, "alice@sender.test",
        signed(message("alice@sender.test", "")));
    assertThat(out).contains("spf=fail smtp.mailfrom=alice@sender.test", "dkim=pass", "dmarc=pass");
  }

  @Test
  void dmarcRejectFailureIsRefusedWhenConfigured() throws Exception {
    MessageFilter.Verdict verdict = run(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), BAD_IP, "alice@sender.test",
        message("alice@sender.test", ""));
    assertThat(verdict).isInstanceOf(MessageFilter.Verdict.Reject.class);
    assertThat(((MessageFilter.Verdict.Reject) verdict).reply().toString()).startsWith("550 5.7.1");
  }

  @Test
  void dmarcRejectFailureIsOnlyTaggedByDefault() throws Exception {
    String out = accepted(checks(DmarcAction.TAG, DmarcAction.TAG), BAD_IP, "alice@sender.test", message("alice@sender.test", ""));
    assertThat(out).contains("spf=fail", "dkim=none", "dmarc=fail (p=reject) header.from=sender.test")
        .doesNotContain("X-Sovereign-Spam");
  }

  @Test
  void dmarcRejectFailureCanBeQuarantined() throws Exception {
    String out = accepted(checks(DmarcAction.QUARANTINE, DmarcAction.TAG), BAD_IP, "alice@sender.test", message("alice@sender.test", ""));
    assertThat(out).contains("dmarc=fail", "\r\nX-Sovereign-Spam: quarantine");
  }

  @Test
  void tamperedSignatureFailsDkim() throws Exception {
    String signed = new String(signed(message("alice@sender.test", "")), StandardCharsets.US_ASCII).replace("Hello", "Hullo");
    String out = accepted(checks(DmarcAction.TAG, DmarcAction.TAG), GOOD_IP, "alice@sender.test", signed.getBytes(StandardCharsets.US_ASCII));
    assertThat(out).contains("spf=pass", "dkim=fail", "header.d=sender.test", "dmarc=pass");
  }

  @Test
  void softfailAndQuarantinePolicy() throws Exception {
    String out = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), GOOD_IP, "bob@soft.test", message("bob@soft.test", ""));
    assertThat(out).contains("spf=softfail smtp.mailfrom=bob@soft.test", "dmarc=fail (p=quarantine)", "X-Sovereign-Spam: quarantine");
  }

  @Test
  void ed25519SignatureAlignsForDmarc() throws Exception {
    String out = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), GOOD_IP, "bob@soft.test",
        signed(message("bob@soft.test", "")));
    assertThat(out).contains("spf=softfail", "dkim=pass header.d=soft.test", "dmarc=pass").doesNotContain("X-Sovereign-Spam");
  }

  @Test
  void relaxedAlignmentAcceptsASubdomainStrictDoesNot() throws Exception {
    String relaxed = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), GOOD_IP, "bounce@bounces.sender.test",
        message("alice@sender.test", ""));
    assertThat(relaxed).contains("spf=pass smtp.mailfrom=bounce@bounces.sender.test", "dmarc=pass");
    MessageFilter.Verdict strict = run(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), GOOD_IP, "bounce@bounces.strict.test",
        message("alice@strict.test", ""));
    assertThat(strict).isInstanceOf(MessageFilter.Verdict.Reject.class);
  }

  @Test
  void noPolicyMeansDmarcNone() throws Exception {
    String out = accepted(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), BAD_IP, "x@relaxed.test", message("x@relaxed.test", ""));
    assertThat(out).contains("spf=neutral", "dmarc=none");
  }

  @Test
  void forgedResultsWithOurIdAreRemovedOthersKept() throws Exception {
    String extra = "Authentication-Results: mx.example.eu; spf=pass smtp.mailfrom=alice@sender.test;\r\n\tdkim=pass\r\n"
        + "Authentication-Results: MX.EXAMPLE.EU (forged); dmarc=pass\r\n"
        + "Authentication-Results: other.example.org; spf=fail\r\n"
        + "X-Sovereign-Spam: no\r\n";
    String out = accepted(checks(DmarcAction.TAG, DmarcAction.TAG), BAD_IP, "alice@sender.test", message("alice@sender.test", extra));
    assertThat(out.split("Authentication-Results: mx.example.eu;", -1)).hasSize(2);
    assertThat(out).doesNotContain("(forged)").doesNotContain("X-Sovereign-Spam: no")
        .contains("Authentication-Results: other.example.org; spf=fail\r\n").contains("dmarc=fail");
    assertThat(out).endsWith("\r\nHello Bob,\r\nsee you.\r\n");
  }

  @Test
  void dnsTimeoutGivesTemperrorNotReject() throws Exception {
    MessageFilter.Verdict verdict = run(checks(DmarcAction.REJECT, DmarcAction.QUARANTINE), BAD_IP, "carol@slow.test",
        message("carol@slow.test", ""));
    assertThat(verdict).isInstanceOf(MessageFilter.Verdict.Accept.class);
    String out = read(verdict);
    assertThat(out).contains("spf=temperror", "dmarc=temperror");
  }

  @Test
  void claimsMatchesOnlyTheFirstToken() {
    assertThat(AuthenticationResults.claims(" mx.example.eu; spf=pass", AUTHSERV)).isTrue();
    assertThat(AuthenticationResults.claims("(comment) mx.example.eu 1; none", AUTHSERV)).isTrue();
    assertThat(AuthenticationResults.claims("mx.example.eu.evil; spf=pass", AUTHSERV)).isFalse();
  }

  private static byte[] message(String from, String extraHeaders) {
    return (extraHeaders + "From: <" + from + ">\r\nTo: <bob@example.eu>\r\nSubject: hello\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n"
        + "Message-ID: <" + System.nanoTime() + "@test>\r\n\r\nHello Bob,\r\nsee you.\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] signed(byte[] message) throws IOException {
    byte[] field = new DkimSigner(keys, Clock.systemUTC()).sign(() -> new ByteArrayInputStream(message)).orElseThrow();
    byte[] out = new byte[field.length + message.length];
    System.arraycopy(field, 0, out, 0, field.length);
    System.arraycopy(message, 0, out, field.length, message.length);
    return out;
  }

  private static MessageFilter.Verdict run(InboundAuthentication checks, String ip, String mailFrom, byte[] message) throws IOException {
    Envelope envelope = new Envelope(EntryId.next(), Instant.now(), Direction.INBOUND, mailFrom,
        List.of(Recipient.of("bob@example.eu")), null, null, BodyType.SEVEN_BIT, false, ip, "client.sender.test", null);
    MessageFilter.Stage stage = checks.open(envelope);
    int half = message.length / 2;
    stage.write(ByteBuffer.wrap(message, 0, half));
    stage.write(ByteBuffer.wrap(message, half, message.length - half));
    return stage.finish();
  }

  private static String accepted(InboundAuthentication checks, String ip, String mailFrom, byte[] message) throws IOException {
    MessageFilter.Verdict verdict = run(checks, ip, mailFrom, message);
    assertThat(verdict).isInstanceOf(MessageFilter.Verdict.Accept.class);
    return read(verdict);
  }

  private static String read(MessageFilter.Verdict verdict) throws IOException {
    try (InputStream in = ((MessageFilter.Verdict.Accept) verdict).message()) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
