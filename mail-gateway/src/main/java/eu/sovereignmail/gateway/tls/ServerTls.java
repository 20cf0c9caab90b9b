package eu.sovereignmail.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A front door's TLS (SMTP and IMAP listeners): an {@link SSLContext} that can be swapped at run time (certificate renewal without restart; only
 * new connections see it) and the one place that turns a plain socket into a TLS 1.2+ server socket.
 */
public final class ServerTls {
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final AtomicReference<SSLContext> context;

  public ServerTls(SSLContext context) {
    this.context = new AtomicReference<>(Objects.requireNonNull(context, "context"));
  }

  /** A context with the key and certificate chain of a PKCS12 keystore (the key's password is the store's). */
  public static ServerTls fromPkcs12(Path keystore, char[] password) throws IOException, GeneralSecurityException {
    return new ServerTls(load(keystore, password));
  }

  /** Loads the keystore again and uses it for every connection from now on; open connections keep theirs. */
  public void reload(Path keystore, char[] password) throws IOException, GeneralSecurityException {
    context.set(load(keystore, password));
  }

  public void replace(SSLContext newContext) {
    context.set(Objects.requireNonNull(newContext, "newContext"));
  }

  /**
   * Layers TLS over {@code plain} (already connected; nothing buffered in it) and runs the handshake; closing the
   * result closes {@code plain}.
   */
  public SSLSocket handshake(Socket plain) throws IOException {
    SSLSocket socket = (SSLSocket) context.get().getSocketFactory()
        .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    socket.setUseClientMode(false);
    String[] enabled = Arrays.stream(socket.getSupportedProtocols()).filter(PROTOCOLS::contains).toArray(String[]::new);
    socket.setEnabledProtocols(enabled);
    socket.startHandshake();
    return socket;
  }

  private static SSLContext load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    return tls;
  }
}
