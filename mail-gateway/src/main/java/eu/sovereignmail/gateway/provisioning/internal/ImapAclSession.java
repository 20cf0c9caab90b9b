package eu.sovereignmail.gateway.provisioning.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IMAP session on the James backend as its administrator acting for a mailbox owner (AUTHENTICATE PLAIN with the
 * owner as authorization id, see james-backend's "Administrator impersonation"), for the RFC 4314 ACL commands
 * James 3.8.1 offers no WebAdmin route for. Only what provisioning needs: GETACL, SETACL, DELETEACL, LOGOUT. Loopback
 * only: the administrator's password crosses in clear, as with every backend IMAP session of the gateway.
 */
public final class ImapAclSession implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private int tag;

  private ImapAclSession(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  /** Connects and authenticates as {@code admin} acting for {@code owner}; an {@link IOException} when refused. */
  public static ImapAclSession open(String host, int port, String admin, String password, String owner,
      Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      ImapAclSession session = new ImapAclSession(socket);
      String greeting = session.in.readLine();
      if (greeting == null || !greeting.startsWith("* OK")) {
        throw new IOException("backend IMAP greeting was not OK: " + greeting);
      }
      String t = session.nextTag();
      session.send(t + " AUTHENTICATE PLAIN");
      String line = session.in.readLine();
      if (line == null || !line.startsWith("+")) {
        throw new IOException("backend IMAP refused AUTHENTICATE PLAIN: " + line);
      }
      session.send(Base64.getEncoder().encodeToString(
          (owner + "\0" + admin + "\0" + password).getBytes(StandardCharsets.UTF_8)));
      session.complete(t, "authenticate as administrator for " + owner);
      return session;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The rights on {@code mailbox}: identifier → rights string. */
  public Map<String, String> getAcl(String mailbox) throws IOException {
    Map<String, String> acl = new LinkedHashMap<>();
    for (String line : command("GETACL " + quote(mailbox), "read the ACL of " + mailbox)) {
      List<String> words = words(line);
      if (words.size() >= 3 && words.get(0).equals("*") && words.get(1).equalsIgnoreCase("ACL")) {
        for (int i = 3; i + 1 < words.size(); i += 2) {
          acl.put(words.get(i), words.get(i + 1));
        }
      }
    }
    return acl;
  }

  public void setAcl(String mailbox, String identifier, String rights) throws IOException {
    command("SETACL " + quote(mailbox) + " " + quote(identifier) + " " + quote(rights),
        "give " + identifier + " rights on " + mailbox);
  }

  public void deleteAcl(String mailbox, String identifier) throws IOException {
    command("DELETEACL " + quote(mailbox) + " " + quote(identifier), "take " + identifier + "'s rights on " + mailbox);
  }

  @Override
  public void close() throws IOException {
    try {
      send(nextTag() + " LOGOUT");
    } catch (IOException ignored) {
      // closing anyway
    } finally {
      socket.close();
    }
  }

  private List<String> command(String command, String what) throws IOException {
    String t = nextTag();
    send(t + " " + command);
    return complete(t, what);
  }

  /** Reads up to the tagged reply; returns the untagged lines; an {@link IOException} unless it is OK. */
  private List<String> complete(String t, String what) throws IOException {
    List<String> untagged = new ArrayList<>();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("backend IMAP closed the connection while trying to " + what);
      }
      if (line.startsWith(t + " ")) {
        String status = line.substring(t.length() + 1);
        if (!status.regionMatches(true, 0, "OK", 0, 2)) {
          throw new IOException("backend IMAP could not " + what + ": " + status);
        }
        return untagged;
      }
      untagged.add(line);
    }
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String nextTag() {
    return "p" + (++tag);
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Splits an IMAP response line into atoms and quoted strings (unquoted). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        StringBuilder word = new StringBuilder();
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length()) {
            i++;
          }
          word.append(line.charAt(i++));
        }
        i++;
        words.add(word.toString());
      } else {
        int end = line.indexOf(' ', i);
        end = end < 0 ? line.length() : end;
        words.add(line.substring(i, end));
        i = end;
      }
    }
    return words;
  }
}
