package eu.sovereignmail.james;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare SMTP/LMTP client for tests: one message, one recipient, every reply checked. */
final class MailDrop {
  private MailDrop() {}

  static void lmtp(String host, int port, String from, String to, String subject, String body) throws IOException {
    send(true, host, port, from, to, subject, body);
  }

  static void smtp(String host, int port, String from, String to, String subject, String body) throws IOException {
    send(false, host, port, from, to, subject, body);
  }

  private static void send(boolean lmtp, String host, int port, String from, String to, String subject, String body)
      throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, "220");
      command(out, (lmtp ? "LHLO" : "EHLO") + " gateway.test");
      expect(in, "250");
      command(out, "MAIL FROM:<" + from + ">");
      expect(in, "250");
      command(out, "RCPT TO:<" + to + ">");
      expect(in, "250");
      command(out, "DATA");
      expect(in, "354");
      String message = "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
          + "\r\nMessage-ID: <" + System.nanoTime() + "@gateway.test>\r\n\r\n" + body + "\r\n.";
      command(out, message);
      expect(in, "250");
      command(out, "QUIT");
    }
  }

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one (possibly multi-line) reply and fails unless its code is {@code code}. */
  private static void expect(BufferedReader in, String code) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed; replies so far: " + lines);
      }
      lines.add(line);
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(code)) {
      throw new IOException("expected " + code + " but got " + lines);
    }
  }
}
