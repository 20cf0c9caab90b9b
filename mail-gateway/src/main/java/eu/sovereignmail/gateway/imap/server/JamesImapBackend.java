package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.imap.session.Backend;
import eu.sovereignmail.gateway.sasl.SaslDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a user's IMAP session on James as the James administrator acting for the user: {@code AUTHENTICATE PLAIN}
 * with authzid = the user's address, authcid = the administrator (see james-backend's README), then CAPABILITY.
 * The user's own James password is never used; people log in at the gateway.
 */
public final class JamesImapBackend {
  private static final int MAX_LINE = 64 << 10;

  private final String host;
  private final int port;
  private final String adminUser;
  private final String adminPassword;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public JamesImapBackend(String host, int port, String adminUser, String adminPassword, Duration connectTimeout,
      Duration readTimeout) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
    this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** A logged-in session as {@code mailbox}, or why not (never throws for network trouble). */
  public Backend.Opening open(String mailbox) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      socket.setTcpNoDelay(true);
      LineReader in = new LineReader(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String greeting = in.line();
      if (!greeting.regionMatches(true, 0, "* OK", 0, 4)) {
        throw new IOException("unexpected greeting: " + brief(greeting));
      }
      out.write("g1 AUTHENTICATE PLAIN\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = in.untilTaggedOr("g1", "+");
      if (!line.startsWith("+")) {
        throw new IOException("AUTHENTICATE PLAIN refused: " + brief(line));
      }
      out.write((SaslDecoder.encode(mailbox + "\0" + adminUser + "\0" + adminPassword) + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String done = in.untilTaggedOr("g1", null);
      if (!done.regionMatches(true, 0, "g1 OK", 0, 5)) {
        throw new IOException("administrator login as the user refused: " + brief(done));
      }
      List<String> capabilities = capabilityCode(done).orElse(null);
      if (capabilities == null) {
        out.write("g2 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String capabilityLine = null;
        String tagged;
        while (true) {
          String next = in.line();
          if (next.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
            capabilityLine = next.substring(13);
          } else if (next.startsWith("g2 ")) {
            tagged = next;
            break;
          }
        }
        if (!tagged.regionMatches(true, 0, "g2 OK", 0, 5) || capabilityLine == null) {
          throw new IOException("CAPABILITY failed: " + brief(tagged));
        }
        capabilities = words(capabilityLine);
      }
      socket.setSoTimeout(0);
      return new Backend.Opening.Opened(new JamesLink(socket, in.leftover(), capabilities));
    } catch (IOException | RuntimeException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
      return new Backend.Opening.Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Optional<List<String>> capabilityCode(String okLine) {
    int start = okLine.toUpperCase(Locale.ROOT).indexOf("[CAPABILITY ");
    int end = okLine.indexOf(']', Math.max(start, 0));
    return start < 0 || end < 0 ? Optional.empty() : Optional.of(words(okLine.substring(start + 12, end)));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split(" +")).filter(w -> !w.isEmpty()).toList();
  }

  private static String brief(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }

  /** An open, logged-in James connection, with what James sent beyond the login dialogue (to pass on first). */
  static final class JamesLink implements Backend.Link {
    private final Socket socket;
    private final byte[] leftover;
    private final List<String> capabilities;

    JamesLink(Socket socket, byte[] leftover, List<String> capabilities) {
      this.socket = socket;
      this.leftover = leftover;
      this.capabilities = List.copyOf(capabilities);
    }

    Socket socket() {
      return socket;
    }

    byte[] leftover() {
      return leftover;
    }

    @Override
    public List<String> capabilities() {
      return capabilities;
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** CRLF lines from the backend during login, keeping whatever was read past the last one. */
  private static final class LineReader {
    private final InputStream in;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);

    LineReader(InputStream in) {
      this.in = in;
      buffer.flip();
    }

    String line() throws IOException {
      while (true) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
          if (buffer.get(i) == '\n') {
            byte[] bytes = new byte[i - buffer.position()];
            buffer.get(bytes);
            buffer.get();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
          }
        }
        buffer.compact();
        if (!buffer.hasRemaining()) {
          throw new IOException("backend line too long");
        }
        int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
        if (n < 0) {
          throw new IOException("backend closed the connection");
        }
        buffer.position(buffer.position() + n).flip();
      }
    }

    /** Skips untagged lines until one with {@code tag} (or starting with {@code prefix} when given). */
    String untilTaggedOr(String tag, String prefix) throws IOException {
      while (true) {
        String line = line();
        if (line.startsWith(tag + " ") || prefix != null && line.startsWith(prefix)) {
          return line;
        }
      }
    }

    byte[] leftover() {
      byte[] rest = new byte[buffer.remaining()];
      buffer.get(rest);
      return rest;
    }
  }
}
