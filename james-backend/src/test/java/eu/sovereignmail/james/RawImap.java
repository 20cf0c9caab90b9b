package eu.sovereignmail.james;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A bare IMAP session for tests that need exact protocol lines (ACL commands, LIST names, tagged NO): opened as the
 * administrator acting for a user, like {@link AdminImap}. Each command returns every line up to and including its
 * tagged status line.
 */
final class RawImap implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private int tag;

  private RawImap(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  static RawImap openAs(String user, String host, int port, String admin, String adminPassword) throws IOException {
    RawImap imap = new RawImap(new Socket(host, port));
    imap.socket.setSoTimeout(30_000);
    imap.in.readLine();
    String t = imap.nextTag();
    imap.send(t + " AUTHENTICATE PLAIN");
    imap.in.readLine();
    imap.send(Base64.getEncoder().encodeToString((user + "\0" + admin + "\0" + adminPassword)
        .getBytes(StandardCharsets.UTF_8)));
    List<String> lines = imap.until(t);
    if (!status(lines).startsWith("OK")) {
      imap.close();
      throw new IOException("login as " + user + " refused: " + lines);
    }
    return imap;
  }

  List<String> command(String command) throws IOException {
    String t = nextTag();
    send(t + " " + command);
    return until(t);
  }

  List<String> append(String mailbox, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    String t = nextTag();
    send(t + " APPEND \"" + mailbox + "\" {" + bytes.length + "}");
    String line = in.readLine();
    if (line == null || !line.startsWith("+")) {
      List<String> lines = new ArrayList<>();
      lines.add(line);
      return lines;
    }
    out.write(bytes);
    send("");
    return until(t);
  }

  /** The tagged status of a command's lines without the tag: "OK ...", "NO ...", "BAD ...". */
  static String status(List<String> lines) {
    String last = lines.get(lines.size() - 1);
    return last == null ? "" : last.substring(last.indexOf(' ') + 1);
  }

  @Override
  public void close() throws IOException {
    try {
      send(nextTag() + " LOGOUT");
    } finally {
      socket.close();
    }
  }

  private List<String> until(String t) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed; lines so far: " + lines);
      }
      lines.add(line);
    } while (!line.startsWith(t + " "));
    return lines;
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String nextTag() {
    return "t" + (++tag);
  }
}
