package eu.sovereignmail.gateway.outbound.internal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Opportunistic TLS to an MX without DANE or MTA-STS (RFC 7435, RFC 3207): encrypt with whatever certificate the
 * host shows, since refusing it would only send the same mail in plaintext. Never used where a policy applies.
 */
public final class AnyCertificate implements X509TrustManager {
  public static final AnyCertificate INSTANCE = new AnyCertificate();

  private AnyCertificate() {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no server certificate");
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
}
