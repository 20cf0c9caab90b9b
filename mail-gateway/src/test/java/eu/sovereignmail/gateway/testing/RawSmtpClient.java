package eu.sovereignmail.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A byte-level SMTP client for the attacks and load a well-behaved client library cannot produce. */
public final class RawSmtpClient implements AutoCloseable {
  private Socket socket;
  private InputStream in;

  public RawSmtpClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
  }

  public void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** One whole reply (all its lines, CRLF-joined), or null at end of stream. */
  public String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = line();
      if (line == null) {
        return reply.isEmpty() ? null : reply.toString();
      }
      reply.append(line);
      if (line.length() < 4 || line.charAt(3) == ' ') {
        return reply.toString();
      }
      reply.append("\r\n");
    }
  }

  /** True when the server closed the connection (reads end of stream, or a reset). */
  public boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException reset) {
      return true;
    }
  }

  public void startTls(SSLSocketFactory factory) throws IOException {
    SSLSocket secure = (SSLSocket) factory.createSocket(socket, "localhost", socket.getPort(), true);
    secure.startHandshake();
    socket = secure;
    in = secure.getInputStream();
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return null;
  }

  /**
   * One whole transaction on a fresh connection: EHLO, MAIL, RCPT, DATA with {@code message} (CRLF lines, not
   * dot-stuffed: no line may start with a dot), QUIT. Returns the reply to the final dot, e.g. {@code 250 2.0.0 OK ...}.
   */
  public static String send(int port, String from, String to, String message) throws IOException {
    try (RawSmtpClient client = new RawSmtpClient(port)) {
      client.reply();
      client.write("EHLO client.test\r\nMAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\nDATA\r\n");
      for (int i = 0; i < 4; i++) {
        String reply = client.reply();
        if (!reply.startsWith("2") && !reply.startsWith("3")) {
          return reply;
        }
      }
      client.write(message + ".\r\nQUIT\r\n");
      return client.reply();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
