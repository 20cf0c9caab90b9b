package eu.sovereignmail.gateway.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A cursor over the segments of one {@link RawCommand} that reads RFC 9051 tokens strictly: atoms, quoted strings,
 * literals, parentheses, single spaces. Any syntax error ends parsing with a message for the client's BAD.
 */
final class Tokens {
  /** Thrown inside the parser only; turned into a BAD reply by {@link CommandParser}. */
  static final class SyntaxException extends Exception {
    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  private final List<RawCommand.Segment> segments;
  private int segment;
  private int position;

  Tokens(RawCommand command) {
    this.segments = command.segments();
  }

  /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ] ; ASTRING-CHAR adds ]. */
  static boolean atomChar(int c, boolean astring) {
    if (c <= 0x20 || c >= 0x7f) {
      return false;
    }
    return switch (c) {
      case '(', ')', '{', '%', '*', '"', '\\' -> false;
      case ']' -> astring;
      default -> true;
    };
  }

  static boolean isTag(String tag) {
    if (tag.isEmpty() || tag.length() > 64) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == '+' || !atomChar(c, true)) {
        return false;
      }
    }
    return true;
  }

  boolean atEnd() {
    return segment == segments.size() - 1 && position >= text().length
        || segment >= segments.size();
  }

  void space() throws SyntaxException {
    if (!(current() instanceof RawCommand.Text) || position >= text().length || text()[position] != ' ') {
      throw new SyntaxException("Expected a space");
    }
    position++;
  }

  /** An atom (ASTRING-CHARs when {@code astring}). */
  String atom(boolean astring) throws SyntaxException {
    byte[] text = textOrFail("Expected an atom");
    int start = position;
    while (position < text.length && atomChar(text[position] & 0xff, astring)) {
      position++;
    }
    if (position == start) {
      throw new SyntaxException("Expected an atom");
    }
    return new String(text, start, position - start, StandardCharsets.US_ASCII);
  }

  /** astring = 1*ASTRING-CHAR / quoted / literal. */
  String astring() throws SyntaxException {
    if (literalNext()) {
      return literal();
    }
    byte[] text = textOrFail("Expected a string");
    if (position < text.length && text[position] == '"') {
      return quoted();
    }
    return atom(true);
  }

  /** nstring = "NIL" / quoted / literal; empty for NIL. */
  Optional<String> nstring() throws SyntaxException {
    if (!literalNext()) {
      byte[] text = textOrFail("Expected a string");
      if (position + 3 <= text.length && new String(text, position, 3, StandardCharsets.US_ASCII).equalsIgnoreCase("NIL")
          && (position + 3 == text.length || !atomChar(text[position + 3] & 0xff, true))) {
        position += 3;
        return Optional.empty();
      }
      if (position >= text.length || text[position] != '"') {
        throw new SyntaxException("Expected a string or NIL");
      }
      return Optional.of(quoted());
    }
    return Optional.of(literal());
  }

  boolean peek(char c) {
    return current() instanceof RawCommand.Text t && position < t.bytes().length && t.bytes()[position] == c;
  }

  void expect(char c) throws SyntaxException {
    if (!peek(c)) {
      throw new SyntaxException("Expected '" + c + "'");
    }
    position++;
  }

  private String quoted() throws SyntaxException {
    byte[] text = text();
    position++;
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    while (position < text.length) {
      byte b = text[position++];
      if (b == '"') {
        return utf8(value.toByteArray());
      }
      if (b == '\\') {
        if (position >= text.length || (text[position] != '"' && text[position] != '\\')) {
          throw new SyntaxException("Bad escape in quoted string");
        }
        b = text[position++];
      } else if (b == '\r' || b == '\n' || b == 0) {
        throw new SyntaxException("Bad character in quoted string");
      }
      value.write(b);
    }
    throw new SyntaxException("Unterminated quoted string");
  }

  /** True when the text segment is used up and a literal follows. */
  private boolean literalNext() {
    return current() instanceof RawCommand.Text t && position >= t.bytes().length
        && segment + 1 < segments.size() && segments.get(segment + 1) instanceof RawCommand.Literal;
  }

  private String literal() throws SyntaxException {
    RawCommand.Literal literal = (RawCommand.Literal) segments.get(segment + 1);
    segment += 2;
    position = 0;
    return utf8(literal.bytes());
  }

  private RawCommand.Segment current() {
    return segment < segments.size() ? segments.get(segment) : null;
  }

  private byte[] text() {
    return current() instanceof RawCommand.Text t ? t.bytes() : new byte[0];
  }

  private byte[] textOrFail(String message) throws SyntaxException {
    if (!(current() instanceof RawCommand.Text t)) {
      throw new SyntaxException(message);
    }
    return t.bytes();
  }

  private static String utf8(byte[] bytes) throws SyntaxException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SyntaxException("String is not UTF-8");
    }
  }
}
