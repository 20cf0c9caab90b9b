package eu.sovereignmail.gateway.tls;

import eu.sovereignmail.gateway.tls.internal.KeyPairCheck;
import eu.sovereignmail.gateway.up.CredentialsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A PKCS12 key store whose password sits in a mode-600 properties file next to it (key {@value #PASSWORD_KEY}), as
 * {@link SelfSignedCertificate} writes them; the first key entry is the server's.
 */
public record Pkcs12KeyMaterial(Path store, Path passwordFile) implements KeyMaterial {
  public static final String PASSWORD_KEY = "keystore.password";

  public Pkcs12KeyMaterial {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(passwordFile, "passwordFile");
  }

  /** The password file's conventional place: {@code <store>.password}. */
  public static Pkcs12KeyMaterial at(Path store) {
    return new Pkcs12KeyMaterial(store, store.resolveSibling(store.getFileName() + ".password"));
  }

  @Override
  public List<Path> files() {
    return List.of(store, passwordFile);
  }

  @Override
  public ServerCredentials read() throws IOException, GeneralSecurityException {
    String secret = CredentialsFile.open(passwordFile).asMap().get(PASSWORD_KEY);
    if (secret == null) {
      throw new IOException("no " + PASSWORD_KEY + " in " + passwordFile);
    }
    char[] password = secret.toCharArray();
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, password);
      }
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.isKeyEntry(alias)) {
          return credentials(keyStore, alias, password);
        }
      }
      throw new KeyStoreException("no private key in " + store);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private ServerCredentials credentials(KeyStore keyStore, String alias, char[] password)
      throws GeneralSecurityException {
    Key key = keyStore.getKey(alias, password);
    if (!(key instanceof PrivateKey privateKey)) {
      throw new KeyStoreException("entry " + alias + " of " + store + " is not a private key");
    }
    Certificate[] chain = keyStore.getCertificateChain(alias);
    if (chain == null || chain.length == 0) {
      throw new KeyStoreException("entry " + alias + " of " + store + " has no certificate");
    }
    return KeyPairCheck.checked(privateKey, Arrays.stream(chain).map(X509Certificate.class::cast).toList(),
        store.toString());
  }
}
