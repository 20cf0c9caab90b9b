package eu.sovereignmail.gateway.tls;

import eu.sovereignmail.gateway.tls.internal.SelfSignedIssuer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/** Key pairs and certificates made at test time (no key is committed), written as PEM the way certbot does. */
record TestCertificates(KeyPair keys, X509Certificate certificate) {
  enum KeyFormat { PKCS8, TRADITIONAL }

  static TestCertificates ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return of(generator.generateKeyPair());
  }

  static TestCertificates rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return of(generator.generateKeyPair());
  }

  private static TestCertificates of(KeyPair keys) throws GeneralSecurityException {
    Instant now = Instant.now();
    return new TestCertificates(keys, SelfSignedIssuer.issue(keys, List.of("localhost", "mail.example.eu"),
        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(2))));
  }

  /** Writes the certificate and the key, each to a temporary file renamed into place (as certbot's links switch). */
  void writePem(Path chain, Path key, KeyFormat format) throws IOException {
    replace(chain, pem(certificate));
    replace(key, format == KeyFormat.PKCS8 ? pem(new JcaPKCS8Generator(keys.getPrivate(), null)) : traditionalPem());
  }

  /** {@code RSA PRIVATE KEY} (PKCS#1), or {@code EC PRIVATE KEY} (SEC1 with curve and public key, as openssl writes it). */
  private String traditionalPem() throws IOException {
    if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
      return pem(keys.getPrivate());
    }
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
        ec.getParams().getOrder().bitLength(), ec.getS(), publicKey.getPublicKeyData(),
        publicKey.getAlgorithm().getParameters());
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  static void replace(Path target, String content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temp = target.resolveSibling(target.getFileName() + ".new");
    Files.writeString(temp, content, StandardCharsets.US_ASCII);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
