package eu.sovereignmail.gateway.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away self-signed certificate for relay TLS tests, made in memory at test time: the server's PKCS12 keystore
 * and the two trust forms a relay accepts (PKCS12 trust store, PEM). No key is ever committed.
 */
record TestCertificate(Path keystore, String password, Path trustStore, Path pem) {
  static TestCertificate create(Path dir, String... dnsNames) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + dnsNames[0]);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, pair.getPublic());
    GeneralName[] names = new GeneralName[dnsNames.length];
    for (int i = 0; i < dnsNames.length; i++) {
      names[i] = dnsNames[i].matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, dnsNames[i])
          : new GeneralName(GeneralName.dNSName, dnsNames[i]);
    }
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    X509Certificate certificate;
    try {
      certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }

    Files.createDirectories(dir);
    String password = "test-only-" + Long.toHexString(System.nanoTime());
    String base = "relay-" + System.nanoTime();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("smtp", pair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
    Path keystore = store(keys, dir.resolve(base + "-key.p12"), password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("smtp", certificate);
    Path trustStore = store(trust, dir.resolve(base + "-trust.p12"), password);
    Path pem = Files.writeString(dir.resolve(base + ".pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    return new TestCertificate(keystore, password, trustStore, pem);
  }

  private static Path store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
