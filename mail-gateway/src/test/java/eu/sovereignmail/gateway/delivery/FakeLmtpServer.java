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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted loopback LMTP server for delivery tests: replies to RCPT and after DATA come from per-recipient functions;
 * every message it received (un-stuffed) is kept.
 */
final class FakeLmtpServer implements AutoCloseable {
  record Received(String mailFromLine, List<String> recipients, byte[] content) {}

  private final ServerSocket server;
  private final Function<String, String> rcptReply;
  private final Function<String, String> dataReply;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private FakeLmtpServer(int port, Function<String, String> rcptReply, Function<String, String> dataReply) throws IOException {
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.rcptReply = rcptReply;
    this.dataReply = dataReply;
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static FakeLmtpServer start(int port, Function<String, String> rcptReply, Function<String, String> dataReply) throws IOException {
    return new FakeLmtpServer(port, rcptReply, dataReply);
  }

  static FakeLmtpServer acceptingAll(int port) throws IOException {
    return start(port, r -> "250 2.1.5 OK", r -> "250 2.0.0 delivered");
  }

  int port() {
    return server.getLocalPort();
  }

  List<Received> received() {
    return received;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
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
      write(out, "220 fake LMTP");
      String mailFrom = null;
      List<String> accepted = new ArrayList<>();
      for (String line; (line = readLine(in)) != null; ) {
        String upper = line.toUpperCase();
        if (upper.startsWith("LHLO")) {
          write(out, "250-fake\r\n250-PIPELINING\r\n250-SIZE\r\n250 8BITMIME");
        } else if (upper.startsWith("MAIL FROM:")) {
          mailFrom = line;
          accepted.clear();
          write(out, "250 2.1.0 OK");
        } else if (upper.startsWith("RCPT TO:<")) {
          String rcpt = line.substring(9, line.indexOf('>'));
          String reply = rcptReply.apply(rcpt);
          if (reply.startsWith("2")) {
            accepted.add(rcpt);
          }
          write(out, reply);
        } else if (upper.equals("DATA")) {
          write(out, "354 go ahead");
          byte[] content = readData(in);
          received.add(new Received(mailFrom, List.copyOf(accepted), content));
          StringBuilder replies = new StringBuilder();
          for (String rcpt : accepted) {
            replies.append(replies.isEmpty() ? "" : "\r\n").append(dataReply.apply(rcpt));
          }
          write(out, replies.toString());
        } else if (upper.equals("QUIT")) {
          write(out, "221 2.0.0 bye");
          return;
        } else {
          write(out, "500 5.5.1 what?");
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to do in a test server
    }
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
  }
}
