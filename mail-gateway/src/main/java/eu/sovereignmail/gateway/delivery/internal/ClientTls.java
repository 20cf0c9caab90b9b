package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.TrustSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the client-side {@link SSLContext} a relay verifies its smart host with, from a {@link TrustSource}. */
public final class ClientTls {
  private ClientTls() {}

  public static SSLContext context(TrustSource source) throws IOException, GeneralSecurityException {
    if (source instanceof TrustSource.Manager manager) {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {manager.manager()}, null);
      return context;
    }
    KeyStore trusted = switch (source) {
      case TrustSource.JvmDefault d -> null;
      case TrustSource.Manager m -> throw new IllegalStateException("handled above");
      case TrustSource.Pkcs12 p -> {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p.file())) {
          store.load(in, p.password().toCharArray());
        }
        yield store;
      }
      case TrustSource.Pem p -> {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(p.file())) {
          int i = 0;
          for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("pem-" + i++, certificate);
          }
          if (i == 0) {
            throw new GeneralSecurityException("no certificate in " + p.file());
          }
        }
        yield store;
      }
    };
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
