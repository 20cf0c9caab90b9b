package eu.sovereignmail.gateway.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A TLS client that trusts exactly the given certificates, checks the name, and reports what the server served. */
final class TlsClient {
  record Served(X509Certificate certificate, String protocol) {}

  private TlsClient() {}

  static Served handshake(int port, List<String> protocols, X509Certificate... trusted)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < trusted.length; i++) {
      trust.setCertificateEntry("trusted-" + i, trusted[i]);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setProtocols(protocols.toArray(String[]::new));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new Served((X509Certificate) socket.getSession().getPeerCertificates()[0],
          socket.getSession().getProtocol());
    }
  }
}
