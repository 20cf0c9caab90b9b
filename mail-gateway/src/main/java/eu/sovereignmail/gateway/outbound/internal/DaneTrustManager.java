package eu.sovereignmail.gateway.outbound.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;
import org.xbill.DNS.TLSARecord;

/**
 * Checks a server certificate chain against DANE TLSA records (RFC 6698, RFC 7672): DANE-EE(3) matches the leaf
 * (no name or expiry check, as RFC 7672 3.1.1 says); DANE-TA(2) matches a certificate of the chain that signed the
 * chain below it, and then the leaf must name the MX host. With no usable records any certificate is taken (TLS
 * is still mandatory).
 */
public final class DaneTrustManager implements X509TrustManager {
  private final String host;
  private final List<TLSARecord> records;

  public DaneTrustManager(String host, List<TLSARecord> records) {
    this.host = host.toLowerCase(Locale.ROOT);
    this.records = List.copyOf(records);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no server certificate");
    }
    if (records.isEmpty()) {
      return;
    }
    for (TLSARecord record : records) {
      if (record.getCertificateUsage() == 3 && matches(record, chain[0])) {
        return;
      }
      if (record.getCertificateUsage() == 2) {
        for (int i = 0; i < chain.length; i++) {
          if (matches(record, chain[i]) && signedUpTo(chain, i) && Names.matches(chain[0], host)) {
            return;
          }
        }
      }
    }
    throw new CertificateException("certificate of " + host + " matches none of its " + records.size() + " TLSA records");
  }

  /** Each certificate below {@code anchor} is signed by the next one, up to the anchor. */
  private static boolean signedUpTo(X509Certificate[] chain, int anchor) {
    try {
      for (int i = 0; i < anchor; i++) {
        chain[i].verify(chain[i + 1].getPublicKey());
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static boolean matches(TLSARecord record, X509Certificate certificate) throws CertificateException {
    byte[] data = record.getSelector() == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
    byte[] expected = record.getCertificateAssociationData();
    try {
      byte[] actual = switch (record.getMatchingType()) {
        case 0 -> data;
        case 1 -> MessageDigest.getInstance("SHA-256").digest(data);
        case 2 -> MessageDigest.getInstance("SHA-512").digest(data);
        default -> null;
      };
      return actual != null && MessageDigest.isEqual(actual, expected);
    } catch (NoSuchAlgorithmException e) {
      throw new CertificateException(e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a delivery client does not check client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** DNS-ID matching (RFC 6125): subjectAltName dNSName, a wildcard only as the whole leftmost label. */
  static final class Names {
    private Names() {}

    static boolean matches(X509Certificate certificate, String host) {
      try {
        var names = certificate.getSubjectAlternativeNames();
        if (names == null) {
          return false;
        }
        return names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
            .map(n -> ((String) n.get(1)).toLowerCase(Locale.ROOT))
            .anyMatch(name -> name.equals(host) || (name.startsWith("*.") && host.indexOf('.') > 0
                && host.substring(host.indexOf('.') + 1).equals(name.substring(2))));
      } catch (CertificateParsingException e) {
        return false;
      }
    }
  }

  @Override
  public String toString() {
    return "DANE[" + host + ", records=" + records.size() + ", usages=" + Arrays.toString(
        records.stream().mapToInt(TLSARecord::getCertificateUsage).toArray()) + "]";
  }
}
