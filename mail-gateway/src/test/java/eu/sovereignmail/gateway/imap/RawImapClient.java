package eu.sovereignmail.gateway.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A plain-socket IMAP client for the ITs: writes raw bytes, reads CRLF lines, upgrades with STARTTLS. */
final class RawImapClient implements AutoCloseable {
  private final SSLContext trust;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private RawImapClient(Socket socket, SSLContext trust) throws IOException {
    this.trust = trust;
    use(socket);
  }

  static RawImapClient plain(int port, SSLContext trust) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    return new RawImapClient(socket, trust);
  }

  static RawImapClient tls(int port, SSLContext trust) throws IOException {
    SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    socket.startHandshake();
    return new RawImapClient(socket, trust);
  }

  private void use(Socket s) throws IOException {
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
  }

  void startTls() throws IOException {
    SSLSocket secure = (SSLSocket) trust.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
    secure.setSoTimeout(30_000);
    secure.startHandshake();
    use(secure);
  }

  void send(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends what the server may stop reading half-way (it closes after BYE); a broken pipe is expected then. */
  void sendQuietly(String latin1) {
    try {
      write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException closedByServer) {
      // the server said BYE and closed
    }
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** One line without CRLF; null at end of stream. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** Lines up to and including the tagged reply of {@code tag}. */
  List<String> untilTagged(String tag) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = line()) != null) {
      lines.add(line);
      if (line.startsWith(tag + " ")) {
        return lines;
      }
    }
    throw new IOException("connection closed before " + tag + "; got " + lines);
  }

  /** Sends {@code tag command} and returns the tagged reply line. */
  String command(String tag, String command) throws IOException {
    send(tag + " " + command + "\r\n");
    List<String> lines = untilTagged(tag);
    return lines.getLast();
  }

  /** Sends {@code tag command} and returns every line up to its tagged reply. */
  List<String> untilTaggedAfter(String tag, String command) throws IOException {
    send(tag + " " + command + "\r\n");
    return untilTagged(tag);
  }

  /** Reads until a line starting with {@code prefix} (or the end); returns it or null. */
  String until(String prefix) throws IOException {
    String line;
    while ((line = line()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  boolean closedByServer() {
    try {
      socket.setSoTimeout(10_000);
      while (true) {
        if (in.read() == -1) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
