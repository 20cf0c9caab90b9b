package eu.sovereignmail.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.testing.LoopbackDns;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DANE: TLSA records count only with the AD bit; DANE-EE matches the server's key, anything else is refused. */
class DaneTest {
  private static LoopbackDns dns;
  private static X509Certificate good;
  private static X509Certificate other;

  @BeforeAll
  static void start() throws Exception {
    good = selfSigned();
    other = selfSigned();
    String spkiSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(good.getPublicKey().getEncoded()));
    dns = LoopbackDns.start()
        .add("signed.test", "_25._tcp.mx TLSA 3 1 1 " + spkiSha256, "mx A 127.0.0.1")
        .add("unsigned.test", "_25._tcp.mx TLSA 3 1 1 " + spkiSha256, "mx A 127.0.0.1")
        .signed("signed.test");
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  @Test
  void validatedTlsaRecordsRequireAMatchingCertificate() throws Exception {
    Dane.Result result = new Dane(dns.client()).lookup("mx.signed.test", 25, true);
    assertThat(result).isInstanceOf(Dane.Result.Required.class);
    var manager = ((Dane.Result.Required) result).trustManager();
    manager.checkServerTrusted(new X509Certificate[] {good}, "RSA");
    assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {other}, "RSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void withoutTheAdBitOrAnInsecureHostDaneDoesNotApply() {
    assertThat(new Dane(dns.client()).lookup("mx.unsigned.test", 25, true)).isInstanceOf(Dane.Result.None.class);
    assertThat(new Dane(dns.client()).lookup("mx.signed.test", 25, false)).isInstanceOf(Dane.Result.None.class);
  }

  private static X509Certificate selfSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=mx.signed.test");
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
        name, keys.getPublic());
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }
}
