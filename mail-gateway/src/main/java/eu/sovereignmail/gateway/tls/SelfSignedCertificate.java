package eu.sovereignmail.gateway.tls;

import eu.sovereignmail.gateway.tls.internal.PrivateFiles;
import eu.sovereignmail.gateway.tls.internal.SelfSignedIssuer;
import eu.sovereignmail.gateway.up.CredentialsFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway must speak TLS from its first start, before an operator brings a real certificate: this makes a
 * self-signed one (EC P-256, SAN = the given DNS names + 127.0.0.1 + ::1, serverAuth, 825 days) into a PKCS12 key
 * store with a random password in a properties file beside it, both mode 600, and never touches an existing store.
 */
public final class SelfSignedCertificate {
  private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
  /** The longest validity clients accept for a server certificate (Apple's limit, also the CA/B forum's old one). */
  public static final Duration VALIDITY = Duration.ofDays(825);
  private static final String ALIAS = "gateway";

  private SelfSignedCertificate() {}

  /** {@link #ensure(Path, List, Clock)} with the system clock. */
  public static Pkcs12KeyMaterial ensure(Path store, List<String> dnsNames) throws IOException, GeneralSecurityException {
    return ensure(store, dnsNames, Clock.systemUTC());
  }

  /**
   * The key store at {@code store} (password file {@code <store>.password}); created with a new key and certificate
   * only when {@code store} does not exist yet.
   */
  public static Pkcs12KeyMaterial ensure(Path store, List<String> dnsNames, Clock clock)
      throws IOException, GeneralSecurityException {
    Pkcs12KeyMaterial material = Pkcs12KeyMaterial.at(store);
    if (Files.exists(store)) {
      return material;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = clock.instant();
    X509Certificate certificate = SelfSignedIssuer.issue(keys, dnsNames, now.minus(Duration.ofHours(1)),
        now.plus(VALIDITY));

    CredentialsFile passwords = CredentialsFile.open(material.passwordFile());
    String secret = passwords.getOrCreate(Pkcs12KeyMaterial.PASSWORD_KEY, CredentialsFile::randomPassword);
    passwords.save("password of " + store.getFileName());
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(ALIAS, keys.getPrivate(), secret.toCharArray(), new Certificate[] {certificate});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    keyStore.store(bytes, secret.toCharArray());
    PrivateFiles.write(store, bytes.toByteArray());
    LOG.info("event=tls.self_signed_created store={} names={} serial={} not_after={} sha256={}", store,
        String.join(",", dnsNames), certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
        fingerprint(certificate));
    return material;
  }

  /** SHA-256 of the DER certificate, hex, as browsers and {@code openssl x509 -fingerprint -sha256} show it. */
  public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    return HexFormat.ofDelimiter(":").withUpperCase()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }
}
