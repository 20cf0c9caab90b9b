package eu.sovereignmail.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's private key and certificate chain (leaf first), whatever file format they came from; the one place
 * that turns them into an {@link SSLContext}.
 */
public record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {
  private static final String ALIAS = "server";

  public ServerCredentials {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** A TLS context serving this key and chain (the listener limits protocols to TLS 1.2+). */
  public SSLContext sslContext() throws GeneralSecurityException {
    char[] inMemory = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException impossible) {
      throw new GeneralSecurityException("cannot create an empty key store", impossible);
    }
    store.setKeyEntry(ALIAS, key, inMemory, chain.toArray(Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, inMemory);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    return tls;
  }

  @Override
  public String toString() {
    return "ServerCredentials[subject=" + leaf().getSubjectX500Principal().getName() + ", serial="
        + leaf().getSerialNumber().toString(16) + ", chain=" + chain.size() + ", key=***]";
  }
}
