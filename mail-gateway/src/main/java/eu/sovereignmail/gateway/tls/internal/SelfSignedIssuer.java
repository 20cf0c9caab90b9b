package eu.sovereignmail.gateway.tls.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues a self-signed X.509 v3 server certificate (SAN, serverAuth) for a key pair; no state, no files. */
public final class SelfSignedIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

  private SelfSignedIssuer() {}

  /**
   * A certificate for {@code dnsNames} plus the loopback addresses, valid from {@code notBefore} to {@code notAfter},
   * with a random 127-bit serial; the subject's CN is the first DNS name.
   */
  public static X509Certificate issue(KeyPair keys, List<String> dnsNames, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS name is needed");
    }
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, dnsNames.get(0)).build();
    BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
        Date.from(notAfter), subject, keys.getPublic());
    boolean ec = keys.getPrivate() instanceof ECKey;
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(ec ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(dnsNames));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
      String algorithm = ec ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames alternativeNames(List<String> dnsNames) {
    List<GeneralName> names = new ArrayList<>();
    for (String name : dnsNames) {
      names.add(new GeneralName(GeneralName.dNSName, name));
    }
    for (String ip : LOOPBACK) {
      try {
        names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(ip).getAddress())));
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException("literal address " + ip, impossible);
      }
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
