package eu.sovereignmail.gateway.smtp.parse;

import eu.sovereignmail.gateway.smtp.Mailbox;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RFC 5321 4.1.2 paths: {@code <>}, source routes (accepted, dropped), Dot-string or Quoted-string local parts, domains
 * and address literals, with RFC 6531 UTF-8 only when allowed, and the 4.5.3.1 length limits.
 */
final class PathParser {
  static final int MAX_LOCAL_PART = 64;
  static final int MAX_DOMAIN = 255;
  static final int MAX_PATH = 256;
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  /** A parsed path: empty mailbox for {@code <>}; {@code end} is the index just past the closing {@code >}. */
  record Parsed(Optional<Mailbox> mailbox, int end) {}

  private final String text;
  private final boolean utf8;
  private int pos;

  private PathParser(String text, int start, boolean utf8) {
    this.text = text;
    this.pos = start;
    this.utf8 = utf8;
  }

  /** The path at {@code start}, or empty on any syntax error. {@code utf8}: non-ASCII is allowed (SMTPUTF8). */
  static Optional<Parsed> parse(String text, int start, boolean utf8, boolean allowNull, boolean allowPostmaster) {
    return new PathParser(text, start, utf8).path(allowNull, allowPostmaster);
  }

  private Optional<Parsed> path(boolean allowNull, boolean allowPostmaster) {
    int start = pos;
    if (!take('<')) {
      return Optional.empty();
    }
    if (take('>')) {
      return allowNull ? Optional.of(new Parsed(Optional.empty(), pos)) : Optional.empty();
    }
    if (peek() == '@' && !sourceRoute()) {
      return Optional.empty();
    }
    Optional<Mailbox> mailbox = mailbox(allowPostmaster);
    if (mailbox.isEmpty() || !take('>') || octets(start, pos) > MAX_PATH) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(mailbox, pos));
  }

  private boolean sourceRoute() {
    do {
      if (!take('@') || !domain()) {
        return false;
      }
    } while (take(','));
    return take(':');
  }

  private Optional<Mailbox> mailbox(boolean allowPostmaster) {
    int start = pos;
    if (!(peek() == '"' ? quotedString() : dotString())) {
      return Optional.empty();
    }
    String local = text.substring(start, pos);
    if (octets(start, pos) > MAX_LOCAL_PART) {
      return Optional.empty();
    }
    if (allowPostmaster && peek() == '>' && local.equalsIgnoreCase("postmaster")) {
      return Optional.of(new Mailbox(local, null));
    }
    if (!take('@')) {
      return Optional.empty();
    }
    int domainStart = pos;
    if (!(peek() == '[' ? addressLiteral() : domain()) || octets(domainStart, pos) > MAX_DOMAIN) {
      return Optional.empty();
    }
    return Optional.of(new Mailbox(local, text.substring(domainStart, pos)));
  }

  private boolean dotString() {
    do {
      int atomStart = pos;
      while (pos < text.length() && isAtext(text.charAt(pos))) {
        pos++;
      }
      if (pos == atomStart) {
        return false;
      }
    } while (take('.'));
    return true;
  }

  private boolean isAtext(char c) {
    return c < 0x80 ? isAsciiAlnum(c) || ATEXT_SPECIALS.indexOf(c) >= 0 : utf8 && isUtf8Text(c);
  }

  private boolean quotedString() {
    take('"');
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return true;
      }
      if (c == '\\') {
        if (pos >= text.length() || text.charAt(pos) < 32 || text.charAt(pos) > 126) {
          return false;
        }
        pos++;
      } else if (!(c >= 32 && c <= 126 || c >= 0x80 && utf8 && isUtf8Text(c))) {
        return false;
      }
    }
    return false;
  }

  private boolean domain() {
    do {
      if (!subDomain()) {
        return false;
      }
    } while (take('.'));
    return true;
  }

  private boolean subDomain() {
    int start = pos;
    while (pos < text.length() && isLabelChar(text.charAt(pos))) {
      pos++;
    }
    return pos > start && text.charAt(start) != '-' && text.charAt(pos - 1) != '-';
  }

  private boolean isLabelChar(char c) {
    return c < 0x80 ? isAsciiAlnum(c) || c == '-' : utf8 && isUtf8Text(c);
  }

  private boolean addressLiteral() {
    int close = text.indexOf(']', pos);
    if (close < 0) {
      return false;
    }
    String literal = text.substring(pos + 1, close);
    pos = close + 1;
    if (literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
      return AddressLiterals.isIpv6(literal.substring(5));
    }
    int colon = literal.indexOf(':');
    if (colon < 0) {
      return AddressLiterals.isIpv4(literal);
    }
    return AddressLiterals.isGeneral(literal.substring(0, colon), literal.substring(colon + 1));
  }

  private static boolean isAsciiAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean isUtf8Text(char c) {
    return c != '\uFFFD' && !Character.isISOControl(c) && !Character.isWhitespace(c);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private boolean take(char c) {
    if (peek() == c && pos < text.length()) {
      pos++;
      return true;
    }
    return false;
  }

  private int octets(int from, int to) {
    return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
  }
}
