package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.NextHopProtocolException;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads one server reply (RFC 5321 4.2, multi-line and enhanced status aware) from a client connection's input. */
public final class ReplyReader {
  static final int MAX_LINE = 4096;
  static final int MAX_LINES = 256;
  private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?");

  private final InputStream in;

  public ReplyReader(InputStream in) {
    this.in = in;
  }

  /** The next complete reply; {@link NextHopProtocolException} on anything that is not one, EOF included. */
  public SmtpReply read() throws IOException {
    List<String> texts = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = readLine();
      if (line.length() < 3 || !isDigits(line.substring(0, 3))
          || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
        throw new NextHopProtocolException("malformed reply line: " + printable(line));
      }
      int lineCode = Integer.parseInt(line.substring(0, 3));
      if (lineCode < 200 || lineCode > 599 || (code != -1 && lineCode != code)) {
        throw new NextHopProtocolException("unexpected reply code in: " + printable(line));
      }
      code = lineCode;
      texts.add(line.length() > 4 ? line.substring(4) : "");
      if (texts.size() > MAX_LINES) {
        throw new NextHopProtocolException("reply longer than " + MAX_LINES + " lines");
      }
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return toReply(code, texts);
      }
    }
  }

  private static SmtpReply toReply(int code, List<String> texts) {
    var first = ENHANCED.matcher(texts.getFirst());
    if (!first.matches() || first.group(1).charAt(0) != Integer.toString(code).charAt(0)) {
      return new SmtpReply(code, null, texts);
    }
    String enhanced = first.group(1);
    List<String> stripped = new ArrayList<>(texts.size());
    for (String text : texts) {
      var m = ENHANCED.matcher(text);
      stripped.add(m.matches() && m.group(1).equals(enhanced) ? (m.group(2) == null ? "" : m.group(2)) : text);
    }
    return new SmtpReply(code, enhanced, stripped);
  }

  /** One line without its line break; a bare LF is tolerated as a line end, a bare CR is dropped. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new NextHopProtocolException("connection closed while reading a reply");
      }
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > MAX_LINE) {
        throw new NextHopProtocolException("reply line longer than " + MAX_LINE + " octets");
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static boolean isDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String printable(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "…" : line;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
