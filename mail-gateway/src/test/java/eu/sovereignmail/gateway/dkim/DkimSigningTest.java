package eu.sovereignmail.gateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.authres.DkimCheck;
import eu.sovereignmail.gateway.authres.DkimResult;
import eu.sovereignmail.gateway.testing.LoopbackDns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys made by the key store sign with jDKIM (RSA and Ed25519) and verify against the TXT record they print. */
class DkimSigningTest {
  private static final String MESSAGE = """
      From: Alice <alice@example.eu>\r
      To: bob@remote.test\r
      Subject: Budget  2026\r
      Date: Mon, 1 Jun 2026 10:00:00 +0200\r
      Message-ID: <1@example.eu>\r
      \r
      Hello Bob,\r
      the figures are attached.\r
      \r
      """;

  @TempDir
  Path dir;
  private LoopbackDns dns;
  private DkimKeyStore store;

  @BeforeEach
  void start() throws Exception {
    dns = LoopbackDns.start().add("example.eu", "@ A 127.0.0.1");
    store = new DkimKeyStore(dir.resolve("dkim"));
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  @Test
  void rsaSignatureVerifiesAgainstThePublishedRecord() throws Exception {
    DkimKey key = store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    dns.txt(key.dnsName(), key.txtRecord());
    byte[] signed = sign(MESSAGE);
    assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: ")
        .contains("a=rsa-sha256;", "c=relaxed/relaxed;", "d=example.eu;", "s=s1;");
    assertThat(verify(signed)).extracting(DkimResult::result, DkimResult::domain, DkimResult::selector)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pass", "example.eu", "s1"));
  }

  @Test
  void ed25519SignatureVerifiesAgainstThePublishedRecord() throws Exception {
    DkimKey key = store.generate("example.eu", "ed1", DkimAlgorithm.ED25519_SHA256);
    assertThat(key.txtRecord()).startsWith("v=DKIM1; k=ed25519; p=").hasSize("v=DKIM1; k=ed25519; p=".length() + 44);
    dns.txt(key.dnsName(), key.txtRecord());
    byte[] signed = sign(MESSAGE);
    assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("a=ed25519-sha256");
    assertThat(verify(signed)).extracting(DkimResult::result).containsExactly("pass");
  }

  @Test
  void alteredBodyOrHeaderFails() throws Exception {
    DkimKey key = store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    dns.txt(key.dnsName(), key.txtRecord());
    String signed = new String(sign(MESSAGE), StandardCharsets.US_ASCII);
    assertThat(verify(signed.replace("figures", "numbers").getBytes(StandardCharsets.US_ASCII)))
        .extracting(DkimResult::result).containsExactly("fail");
    assertThat(verify(signed.replace("Budget  2026", "Budget 2027").getBytes(StandardCharsets.US_ASCII)))
        .extracting(DkimResult::result).containsExactly("fail");
  }

  @Test
  void relaxedCanonicalizationToleratesWhitespaceChanges() throws Exception {
    DkimKey key = store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    dns.txt(key.dnsName(), key.txtRecord());
    String signed = new String(sign(MESSAGE), StandardCharsets.US_ASCII);
    assertThat(verify(signed.replace("Budget  2026", "Budget 2026").replace("the figures", "the   figures")
        .getBytes(StandardCharsets.US_ASCII))).extracting(DkimResult::result).containsExactly("pass");
  }

  @Test
  void noKeyForTheFromDomainLeavesTheMessageUnsigned() throws Exception {
    DkimSigner signer = new DkimSigner(store, Clock.systemUTC());
    assertThat(signer.sign(() -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)))).isEmpty();
  }

  @Test
  void subdomainSignsWithTheParentKey() throws Exception {
    store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    DkimSigner signer = new DkimSigner(store, Clock.systemUTC());
    assertThat(signer.keyFor(java.util.Optional.of("lists.example.eu"))).map(DkimKey::domain).contains("example.eu");
  }

  @Test
  void privateKeyFileIsOwnerOnly() throws Exception {
    store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    Path keyFile = dir.resolve("dkim").resolve("example.eu").resolve("s1.key");
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void rotationPublishesTheOtherSelectorThenActivatesIt() throws Exception {
    DkimKey first = store.generate("example.eu", "s1", DkimAlgorithm.RSA_SHA256);
    DkimKeyStore.Rotation publish = store.rotate("example.eu", null);
    assertThat(publish.step()).isEqualTo(DkimKeyStore.Rotation.Step.PUBLISH);
    assertThat(publish.key().selector()).isEqualTo("s2");
    assertThat(store.active("example.eu").orElseThrow().selector()).isEqualTo("s1");
    DkimKeyStore.Rotation activate = store.rotate("example.eu", null);
    assertThat(activate.step()).isEqualTo(DkimKeyStore.Rotation.Step.ACTIVATED);
    assertThat(store.active("example.eu").orElseThrow().txtRecord()).isEqualTo(publish.key().txtRecord()).isNotEqualTo(first.txtRecord());
    assertThat(store.rotate("example.eu", null).key().selector()).isEqualTo("s1");
  }

  @Test
  void badNamesAreRefused() {
    assertThatThrownBy(() -> store.generate("../etc", "s1", DkimAlgorithm.RSA_SHA256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.generate("example.eu", "s 1", DkimAlgorithm.RSA_SHA256)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void foldingKeepsLinesShort() {
    String folded = DkimSigner.fold("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.eu; s=s1; t=1; h=from:to:subject:date:message-id; bh=abc; b=" + "x".repeat(300));
    assertThat(folded.split("\r\n")[0].length()).isLessThanOrEqualTo(78);
    assertThat(folded.replace("\r\n\t", " ")).contains("; d=example.eu; s=s1;");
  }

  private byte[] sign(String message) throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    byte[] field = new DkimSigner(store, Clock.systemUTC()).sign(() -> new ByteArrayInputStream(bytes)).orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(field);
    out.write(bytes);
    return out.toByteArray();
  }

  private List<DkimResult> verify(byte[] message) throws Exception {
    return new DkimCheck(dns.client()).verify(new ByteArrayInputStream(message));
  }
}
