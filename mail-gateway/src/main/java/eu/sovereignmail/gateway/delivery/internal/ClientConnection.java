package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.NextHopProtocolException;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One client connection to an SMTP or LMTP server on a blocking socket: commands out, {@link SmtpReply}s in, the
 * extensions of the last hello, and the STARTTLS upgrade. Never logs what it sends (AUTH lines carry secrets).
 */
public final class ClientConnection implements Closeable {
  private static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  private static final int QUIT_WAIT_MILLIS = 2000;

  private final String host;
  private final int port;
  private Socket socket;
  private BufferedInputStream in;
  private ReplyReader replies;
  private OutputStream out;
  private ServerExtensions extensions = ServerExtensions.NONE;
  private boolean tls;

  private ClientConnection(String host, int port, Socket socket) throws IOException {
    this.host = host;
    this.port = port;
    attach(socket);
  }

  /**
   * Connects, reads the 220 greeting and says hello ({@code LHLO}/{@code EHLO}); a greeting or hello that is not
   * positive is a {@link NextHopProtocolException} (nothing was sent, the caller treats it as unreachable).
   */
  public static ClientConnection open(String host, int port, Duration connectTimeout, Duration readTimeout, Dialect dialect,
      String helloName) throws IOException {
    return open(host, null, port, connectTimeout, readTimeout, dialect, helloName);
  }

  /** As {@link #open(String, int, Duration, Duration, Dialect, String)}, connecting to {@code address} when not null. */
  public static ClientConnection open(String host, java.net.InetAddress address, int port, Duration connectTimeout,
      Duration readTimeout, Dialect dialect, String helloName) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address == null ? new InetSocketAddress(host, port) : new InetSocketAddress(address, port),
          (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      socket.setTcpNoDelay(true);
      ClientConnection connection = new ClientConnection(host, port, socket);
      SmtpReply greeting = connection.read();
      if (greeting.code() != 220) {
        throw new NextHopProtocolException("greeting refused: " + greeting);
      }
      connection.hello(dialect, helloName);
      return connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends LHLO/EHLO and remembers the advertised extensions. */
  public ServerExtensions hello(Dialect dialect, String helloName) throws IOException {
    SmtpReply hello = command(dialect.helloVerb() + " " + helloName);
    if (hello.code() != 250) {
      throw new NextHopProtocolException(dialect.helloVerb() + " refused: " + hello);
    }
    extensions = ServerExtensions.parse(hello);
    return extensions;
  }

  /**
   * Runs the TLS 1.2+ client handshake over this connection after the server's 220 to STARTTLS, checking the host
   * name against the certificate when {@code verifyHostname}. The hello must be repeated afterwards (RFC 3207 4.2).
   */
  public void startTls(SSLContext context, boolean verifyHostname) throws IOException {
    if (in.available() > 0) {
      throw new NextHopProtocolException("server sent data after its STARTTLS reply (plaintext injection?)");
    }
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
    ssl.setUseClientMode(true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setProtocols(Arrays.stream(ssl.getSupportedProtocols()).filter(TLS_PROTOCOLS::contains).toArray(String[]::new));
    if (verifyHostname) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!isIpLiteral(host)) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    ssl.setSSLParameters(parameters);
    ssl.startHandshake();
    attach(ssl);
    tls = true;
    extensions = ServerExtensions.NONE;
  }

  public SmtpReply read() throws IOException {
    return replies.read();
  }

  /** Buffers one command line; {@link #flush()} sends it (pipelining writes several before flushing). */
  public void write(String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** Sends one command and reads its reply. */
  public SmtpReply command(String command) throws IOException {
    write(command);
    flush();
    return read();
  }

  /** The raw output for DATA content (wrap it in {@link DotStuffingOutputStream}). */
  public OutputStream output() {
    return out;
  }

  public ServerExtensions extensions() {
    return extensions;
  }

  public boolean tls() {
    return tls;
  }

  public String tlsProtocol() {
    return socket instanceof SSLSocket ssl ? ssl.getSession().getProtocol() : "none";
  }

  /** True when the connection cannot start a transaction: closed, or the server already said something (e.g. 421 on idle timeout). */
  public boolean unusable() {
    try {
      return socket.isClosed() || in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Best effort QUIT (waiting briefly for the 221), then close. */
  public void quit() {
    try {
      socket.setSoTimeout(QUIT_WAIT_MILLIS);
      command("QUIT");
    } catch (IOException e) {
      // the server may have gone already: closing is all that is left
    }
    close();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  private void attach(Socket connected) throws IOException {
    this.socket = connected;
    this.in = new BufferedInputStream(connected.getInputStream());
    this.replies = new ReplyReader(in);
    this.out = new BufferedOutputStream(connected.getOutputStream(), 64 << 10);
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }
}
