package eu.sovereignmail.gateway.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted loopback LMTP (or, with {@link Script#asSmtp()}, SMTP) server for delivery tests: replies to MAIL, RCPT,
 * DATA and after the final dot come from functions; it counts connections, records every command line and every
 * message it received (un-stuffed), and can drop its open connections to make a client's pooled ones stale.
 */
final class FakeLmtpServer implements AutoCloseable {
  record Received(String mailFromLine, List<String> recipients, byte[] content) {}

  /** What the server says: hello extension lines, and replies by command (a reply may hold several CRLF-joined lines). */
  record Script(List<String> extensions, Function<String, String> mailReply, Function<String, String> rcptReply,
      String dataStart, Function<String, String> dataReply, boolean smtp) {
    static Script lmtp() {
      return new Script(List.of("PIPELINING", "SIZE", "8BITMIME"), mail -> "250 2.1.0 OK", rcpt -> "250 2.1.5 OK",
          "354 go ahead", rcpt -> "250 2.0.0 delivered", false);
    }

    /** SMTP: EHLO, and one reply after the final dot ({@code dataReply} gets the first accepted recipient). */
    Script asSmtp() {
      return new Script(extensions, mailReply, rcptReply, dataStart, dataReply, true);
    }

    Script extensions(String... lines) {
      return new Script(List.of(lines), mailReply, rcptReply, dataStart, dataReply, smtp);
    }

    Script mail(Function<String, String> reply) {
      return new Script(extensions, reply, rcptReply, dataStart, dataReply, smtp);
    }

    Script rcpt(Function<String, String> reply) {
      return new Script(extensions, mailReply, reply, dataStart, dataReply, smtp);
    }

    Script dataStart(String reply) {
      return new Script(extensions, mailReply, rcptReply, reply, dataReply, smtp);
    }

    Script data(Function<String, String> reply) {
      return new Script(extensions, mailReply, rcptReply, dataStart, reply, smtp);
    }
  }

  private final ServerSocket server;
  private final Script script;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();

  private FakeLmtpServer(int port, Script script) throws IOException {
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static FakeLmtpServer start(int port, Script script) throws IOException {
    return new FakeLmtpServer(port, script);
  }

  static FakeLmtpServer start(int port, Function<String, String> rcptReply, Function<String, String> dataReply) throws IOException {
    return start(port, Script.lmtp().rcpt(rcptReply).data(dataReply));
  }

  static FakeLmtpServer acceptingAll(int port) throws IOException {
    return start(port, Script.lmtp());
  }

  int port() {
    return server.getLocalPort();
  }

  List<Received> received() {
    return received;
  }

  /** Every command line received, in order, across connections. */
  List<String> commands() {
    return commands;
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Closes every open connection from the server side (like an idle timeout), without a reply. */
  void dropConnections() throws IOException {
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        open.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      write(out, "220 fake " + (script.smtp() ? "ESMTP" : "LMTP"));
      String mailFrom = null;
      List<String> accepted = new ArrayList<>();
      for (String line; (line = readLine(in)) != null; ) {
        commands.add(line);
        String upper = line.toUpperCase();
        if (upper.startsWith(script.smtp() ? "EHLO" : "LHLO")) {
          StringBuilder reply = new StringBuilder("250");
          reply.append(script.extensions().isEmpty() ? " " : "-").append("fake");
          for (int i = 0; i < script.extensions().size(); i++) {
            reply.append("\r\n250").append(i == script.extensions().size() - 1 ? " " : "-").append(script.extensions().get(i));
          }
          write(out, reply.toString());
        } else if (upper.startsWith("MAIL FROM:")) {
          mailFrom = line;
          accepted.clear();
          String reply = script.mailReply().apply(line);
          if (!writeOrClose(socket, out, in, reply)) {
            return;
          }
        } else if (upper.startsWith("RCPT TO:<")) {
          String rcpt = line.substring(9, line.indexOf('>'));
          String reply = script.rcptReply().apply(rcpt);
          if (reply.startsWith("2")) {
            accepted.add(rcpt);
          }
          if (!writeOrClose(socket, out, in, reply)) {
            return;
          }
        } else if (upper.equals("DATA")) {
          if (!writeOrClose(socket, out, in, script.dataStart())) {
            return;
          }
          if (!script.dataStart().startsWith("354")) {
            continue;
          }
          byte[] content = readData(in);
          received.add(new Received(mailFrom, List.copyOf(accepted), content));
          StringBuilder replies = new StringBuilder();
          for (String rcpt : script.smtp() ? accepted.subList(0, 1) : accepted) {
            String reply = script.dataReply().apply(rcpt);
            replies = reply == null || replies == null ? null : replies.append(replies.isEmpty() ? "" : "\r\n").append(reply);
          }
          if (!writeOrClose(socket, out, in, replies == null ? null : replies.toString())) {
            return;
          }
        } else if (upper.equals("AUTH LOGIN")) {
          write(out, "334 VXNlcm5hbWU6");
          commands.add(readLine(in));
          write(out, "334 UGFzc3dvcmQ6");
          commands.add(readLine(in));
          write(out, "235 2.7.0 Authentication successful");
        } else if (upper.equals("RSET")) {
          accepted.clear();
          write(out, "250 2.0.0 OK");
        } else if (upper.equals("QUIT")) {
          write(out, "221 2.0.0 bye");
          return;
        } else {
          write(out, "500 5.5.1 what?");
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to do in a test server
    } finally {
      open.remove(socket);
    }
  }

  /**
   * Writes the reply and says whether to go on: after a 421 the server closes (output first, then it drains what the
   * client still sends, so the 421 is not lost to a reset); a null reply closes at once without a word.
   */
  private static boolean writeOrClose(Socket socket, OutputStream out, InputStream in, String reply) throws IOException {
    if (reply == null) {
      return false;
    }
    write(out, reply);
    if (reply.startsWith("421") || reply.contains("\r\n421")) {
      socket.shutdownOutput();
      socket.setSoTimeout(5000);
      while (in.read() >= 0) {
        // drain until the client closes
      }
      return false;
    }
    return true;
  }

  /** Message content up to the lone dot, with the transparency dots removed. */
  private static byte[] readData(InputStream in) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (String line; (line = readLine(in)) != null && !line.equals("."); ) {
      content.writeBytes((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
      content.writeBytes(new byte[] {'\r', '\n'});
    }
    return content.toByteArray();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        return null;
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
  }
}
