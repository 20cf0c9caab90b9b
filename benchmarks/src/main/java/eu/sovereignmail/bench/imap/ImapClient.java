package eu.sovereignmail.bench.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal IMAP client over a plain or implicit-TLS socket: tagged commands, untagged responses with their
 * {@code {n}} literals read and dropped, IDLE's continuation. Raw sockets, so that the measured latency is the
 * server's and not a client library's; just enough IMAP for the benchmark's workload, nothing else.
 */
final class ImapClient implements AutoCloseable {
  private static final int MAX_LINE = 1 << 20;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int nextTag = 1;

  private ImapClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
    this.out = socket.getOutputStream();
  }

  /** Connects and runs the TLS handshake when {@code tls} is given; {@link #greeting} reads the server's first line. */
  static ImapClient connect(String host, int port, Optional<SSLSocketFactory> tls) throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.setSoTimeout(30_000);
      plain.connect(new InetSocketAddress(host, port), 5_000);
      if (tls.isEmpty()) {
        return new ImapClient(plain);
      }
      SSLSocket secure = (SSLSocket) tls.get().createSocket(plain, host, port, true);
      secure.setUseClientMode(true);
      secure.startHandshake();
      return new ImapClient(secure);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Reads the greeting, which must be OK. */
  void greeting() throws IOException {
    String greeting = line();
    if (!greeting.startsWith("* OK")) {
      throw new IOException("unexpected greeting: " + brief(greeting));
    }
  }

  /** Sends {@code command} with a new tag and reads up to its tagged reply, which must be OK. */
  void command(String command) throws IOException {
    String tag = send(command);
    expectOk(tag, command);
  }

  /** Starts IDLE: returns once the server's {@code +} continuation arrived; {@link #done} ends it. */
  String idle() throws IOException {
    String tag = send("IDLE");
    while (true) {
      String line = readResponse();
      if (line.startsWith("+")) {
        return tag;
      }
      if (line.startsWith(tag + " ")) {
        throw new IOException("IDLE refused: " + brief(line));
      }
    }
  }

  void done(String idleTag) throws IOException {
    out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expectOk(idleTag, "IDLE");
  }

  /** LOGOUT: the server's BYE and tagged OK. */
  void logout() throws IOException {
    command("LOGOUT");
  }

  private String send(String command) throws IOException {
    String tag = "b" + nextTag++;
    out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return tag;
  }

  private void expectOk(String tag, String command) throws IOException {
    while (true) {
      String line = readResponse();
      if (line.startsWith(tag + " ")) {
        if (!line.regionMatches(true, tag.length() + 1, "OK", 0, 2)) {
          throw new IOException(verb(command) + " failed: " + brief(line));
        }
        return;
      }
    }
  }

  /** One response: a line, and when it ends in a literal announcement, the literal's bytes and the rest of the line. */
  private String readResponse() throws IOException {
    String first = line();
    String line = first;
    while (line.endsWith("}")) {
      int open = line.lastIndexOf('{');
      if (open < 0) {
        break;
      }
      String size = line.substring(open + 1, line.length() - 1).replace("+", "");
      long remaining;
      try {
        remaining = Long.parseLong(size);
      } catch (NumberFormatException e) {
        break;
      }
      while (remaining > 0) {
        long skipped = in.skip(remaining);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed inside a literal");
          }
          skipped = 1;
        }
        remaining -= skipped;
      }
      line = line();
    }
    return first;
  }

  private String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (b == '\n' && previous == '\r') {
        byte[] bytes = buffer.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      if (buffer.size() >= MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      buffer.write(b);
      previous = b;
    }
  }

  private static String verb(String command) {
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }

  private static String brief(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing after the benchmark's last command; nothing to report.
    }
  }
}
