package eu.sovereignmail.archive.search;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.search.QueryNode.All;
import eu.sovereignmail.archive.search.QueryNode.Any;
import eu.sovereignmail.archive.search.QueryNode.DateRange;
import eu.sovereignmail.archive.search.QueryNode.DirectionIs;
import eu.sovereignmail.archive.search.QueryNode.HasAttachment;
import eu.sovereignmail.archive.search.QueryNode.Not;
import eu.sovereignmail.archive.search.QueryNode.SizeRange;
import eu.sovereignmail.archive.search.QueryNode.Text;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive's query language, parsed without an index: words and {@code "phrases"} (all must match),
 * {@code OR}, {@code -term} / {@code NOT term}, parentheses, and operators {@code from: to: cc: bcc:
 * participant: subject: body: attachment: filename: messageid: has:attachment after: before: on:
 * direction: size> size< size>= size<=}. A malformed query is a {@link QuerySyntaxException} naming
 * the position. Operators are case-insensitive; {@code OR}, {@code AND}, {@code NOT} only in capitals
 * (a lower-case "or" is a word).
 */
public final class QueryParser {
  /** Longest query accepted. */
  public static final int MAX_LENGTH = 2_000;
  /** Deepest nesting of parentheses and negations. */
  public static final int MAX_DEPTH = 32;
  /** Most terms in one query. */
  public static final int MAX_TERMS = 100;

  private static final Pattern FIELD = Pattern.compile("([A-Za-z]+):(.*)", Pattern.DOTALL);
  private static final Pattern SIZE = Pattern.compile("(?i)size:?(>=|<=|>|<)(.*)", Pattern.DOTALL);
  private static final Pattern SIZE_VALUE = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|m|mb|g|gb)?");
  private static final Pattern DATE = Pattern.compile("(\\d{4})(?:[-/](\\d{1,2})(?:[-/](\\d{1,2}))?)?");

  private final String query;
  private final List<Token> tokens;
  private int next;
  private int terms;

  private QueryParser(String query, List<Token> tokens) {
    this.query = query;
    this.tokens = tokens;
  }

  /** Parses {@code query} into a tree. */
  public static QueryNode parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QuerySyntaxException("the query is empty: type words to find, or operators such as from:alice", 0);
    }
    if (query.length() > MAX_LENGTH) {
      throw new QuerySyntaxException("the query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    QueryParser parser = new QueryParser(query, new Lexer(query).tokens());
    QueryNode node = parser.parseOr(0);
    Token rest = parser.peek();
    if (rest.kind != Kind.END) {
      throw new QuerySyntaxException(rest.kind == Kind.RPAREN
          ? "this ')' has no matching '('" : "unexpected '" + rest.text + "'", rest.position);
    }
    return node;
  }

  private QueryNode parseOr(int depth) {
    List<QueryNode> parts = new ArrayList<>();
    parts.add(parseAnd(depth));
    while (peek().kind == Kind.OR) {
      Token or = take();
      Kind after = peek().kind;
      if (after == Kind.END || after == Kind.RPAREN || after == Kind.OR) {
        throw new QuerySyntaxException("OR needs a term after it", or.position);
      }
      parts.add(parseAnd(depth));
    }
    return parts.size() == 1 ? parts.get(0) : new Any(parts);
  }

  private QueryNode parseAnd(int depth) {
    List<QueryNode> parts = new ArrayList<>();
    while (true) {
      Token token = peek();
      if (token.kind == Kind.AND) {
        take();
        if (parts.isEmpty() || !startsTerm(peek().kind)) {
          throw new QuerySyntaxException("AND needs a term on both sides", token.position);
        }
        continue;
      }
      if (!startsTerm(token.kind)) {
        break;
      }
      parts.add(parseUnary(depth));
    }
    if (parts.isEmpty()) {
      Token token = peek();
      throw switch (token.kind) {
        case OR -> new QuerySyntaxException("OR needs a term before it", token.position);
        case RPAREN -> new QuerySyntaxException(
            next > 0 && tokens.get(next - 1).kind == Kind.LPAREN ? "the parentheses are empty" : "this ')' has no matching '('",
            token.position);
        default -> new QuerySyntaxException("the query ends where a term is expected", token.position);
      };
    }
    return parts.size() == 1 ? parts.get(0) : new All(parts);
  }

  private QueryNode parseUnary(int depth) {
    Token token = take();
    if (depth >= MAX_DEPTH) {
      throw new QuerySyntaxException("the query nests deeper than " + MAX_DEPTH + " levels", token.position);
    }
    switch (token.kind) {
      case NOT -> {
        if (!startsTerm(peek().kind)) {
          throw new QuerySyntaxException("'" + token.text + "' must be followed by a term to leave out, e.g. -draft",
              token.position);
        }
        return new Not(parseUnary(depth + 1));
      }
      case LPAREN -> {
        QueryNode inner = parseOr(depth + 1);
        Token close = peek();
        if (close.kind != Kind.RPAREN) {
          throw new QuerySyntaxException("this '(' is not closed", token.position);
        }
        take();
        return inner;
      }
      case TERM -> {
        if (++terms > MAX_TERMS) {
          throw new QuerySyntaxException("the query has more than " + MAX_TERMS + " terms", token.position);
        }
        return term(token);
      }
      default -> throw new IllegalStateException("not a term start: " + token.kind);
    }
  }

  private static boolean startsTerm(Kind kind) {
    return kind == Kind.TERM || kind == Kind.LPAREN || kind == Kind.NOT;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    return tokens.get(next++);
  }

  // ---- terms ----

  private QueryNode term(Token token) {
    if (token.quoted && token.field == null) {
      return text(QueryField.ANY, token.value, true, token.valuePosition);
    }
    if (token.field == null) {
      return bareWord(token);
    }
    String field = token.field.toLowerCase(Locale.ROOT);
    if (field.equals("size")) {
      return size(token);
    }
    if (token.value.isEmpty()) {
      throw new QuerySyntaxException(token.field + ": needs a value right after the colon, e.g. "
          + token.field + ":" + example(field), token.valuePosition);
    }
    return switch (field) {
      case "has" -> {
        String value = token.value.toLowerCase(Locale.ROOT);
        if (!token.quoted && (value.equals("attachment") || value.equals("attachments"))) {
          yield new HasAttachment(token.position);
        }
        throw new QuerySyntaxException("has: knows only has:attachment", token.valuePosition);
      }
      case "after" -> {
        LocalDate[] period = period(token);
        yield new DateRange(period[0], null, token.position);
      }
      case "before" -> {
        LocalDate[] period = period(token);
        yield new DateRange(null, period[0], token.position);
      }
      case "on" -> {
        LocalDate[] period = period(token);
        yield new DateRange(period[0], period[1], token.position);
      }
      case "direction" -> new DirectionIs(direction(token), token.position);
      default -> {
        QueryField textField = QueryField.byOperator(field).orElseThrow(() -> new QuerySyntaxException(
            "unknown operator '" + token.field + ":'; known: from: to: cc: bcc: participant: subject: body: "
                + "attachment: filename: messageid: has:attachment after: before: on: direction: size> size<"
                + " (put text with a colon in quotes)", token.position));
        if (textField == QueryField.MESSAGEID) {
          yield new Text(QueryField.MESSAGEID, token.value.strip(), true, false, token.position);
        }
        if (!token.quoted && token.value.endsWith("*")) {
          yield prefix(textField, token.value, token.position, token.valuePosition);
        }
        yield text(textField, token.value, token.quoted, token.valuePosition, token.position);
      }
    };
  }

  private QueryNode bareWord(Token token) {
    if (token.value.endsWith("*")) {
      return prefix(QueryField.ANY, token.value, token.position, token.position);
    }
    return text(QueryField.ANY, token.value, false, token.position);
  }

  private static Text text(QueryField field, String value, boolean phrase, int position) {
    return text(field, value, phrase, position, position);
  }

  private static Text text(QueryField field, String value, boolean phrase, int valuePosition, int termPosition) {
    if (value.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw new QuerySyntaxException("'" + value + "' has no letters or digits to search for", valuePosition);
    }
    return new Text(field, value, phrase, false, termPosition);
  }

  private static Text prefix(QueryField field, String value, int termPosition, int valuePosition) {
    String stem = value.substring(0, value.length() - 1);
    if (stem.codePoints().filter(Character::isLetterOrDigit).count() < 2 || stem.contains("*")) {
      throw new QuerySyntaxException("a word ending in * needs at least two letters or digits before it, e.g. budg*",
          valuePosition);
    }
    if (!stem.codePoints().allMatch(Character::isLetterOrDigit)) {
      throw new QuerySyntaxException("a word ending in * may contain only letters and digits", valuePosition);
    }
    return new Text(field, stem, false, true, termPosition);
  }

  private SizeRange size(Token token) {
    if (token.operator == null) {
      throw new QuerySyntaxException("write a size as size>10k or size<2m", token.position);
    }
    String operator = token.operator;
    String value = token.value;
    String raw = token.text;
    Matcher number = SIZE_VALUE.matcher(value);
    if (!number.matches()) {
      throw new QuerySyntaxException("'" + raw + "': a size is a number with an optional unit k, m or g, e.g. size>10k",
          token.valuePosition);
    }
    long multiplier = switch (number.group(2) == null ? "b" : number.group(2).toLowerCase(Locale.ROOT)) {
      case "k", "kb" -> 1024L;
      case "m", "mb" -> 1024L * 1024;
      case "g", "gb" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    long bytes;
    try {
      bytes = new BigDecimal(number.group(1)).multiply(BigDecimal.valueOf(multiplier)).longValueExact();
    } catch (ArithmeticException e) {
      throw new QuerySyntaxException("'" + raw + "' is not a whole number of bytes or is too large", token.valuePosition);
    }
    return switch (operator) {
      case ">" -> new SizeRange(bytes + 1, Long.MAX_VALUE, token.position);
      case ">=" -> new SizeRange(bytes, Long.MAX_VALUE, token.position);
      case "<" -> {
        if (bytes == 0) {
          throw new QuerySyntaxException("no message is smaller than 0 bytes", token.valuePosition);
        }
        yield new SizeRange(0, bytes - 1, token.position);
      }
      default -> new SizeRange(0, bytes, token.position);
    };
  }

  /** The period a date value names, as [first day, day after the last day). */
  private static LocalDate[] period(Token token) {
    Matcher matcher = DATE.matcher(token.value);
    String problem = "'" + token.value + "' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY";
    if (token.quoted || !matcher.matches()) {
      throw new QuerySyntaxException(problem, token.valuePosition);
    }
    try {
      int year = Integer.parseInt(matcher.group(1));
      if (matcher.group(2) == null) {
        LocalDate first = LocalDate.of(year, 1, 1);
        return new LocalDate[] {first, first.plusYears(1)};
      }
      int month = Integer.parseInt(matcher.group(2));
      if (matcher.group(3) == null) {
        LocalDate first = YearMonth.of(year, month).atDay(1);
        return new LocalDate[] {first, first.plusMonths(1)};
      }
      LocalDate day = LocalDate.of(year, month, Integer.parseInt(matcher.group(3)));
      return new LocalDate[] {day, day.plusDays(1)};
    } catch (DateTimeException e) {
      throw new QuerySyntaxException(problem, token.valuePosition);
    }
  }

  private static Direction direction(Token token) {
    return switch (token.value.toLowerCase(Locale.ROOT)) {
      case "inbound", "in" -> Direction.INBOUND;
      case "outbound", "out" -> Direction.OUTBOUND;
      case "internal" -> Direction.INTERNAL;
      default -> throw new QuerySyntaxException(
          "direction: is inbound, outbound or internal, not '" + token.value + "'", token.valuePosition);
    };
  }

  private static String example(String field) {
    return switch (field) {
      case "after", "before", "on" -> "2025-01-31";
      case "has" -> "attachment";
      case "direction" -> "inbound";
      case "subject", "body", "attachment" -> "budget";
      case "filename" -> "report.pdf";
      case "messageid" -> "<id@example.eu>";
      default -> "alice@example.eu";
    };
  }

  // ---- tokens ----

  private enum Kind { LPAREN, RPAREN, OR, AND, NOT, TERM, END }

  /**
   * One token. For a term: {@code field} (null for a bare word or phrase), {@code operator} (only for
   * {@code size>}), {@code value}, whether it was quoted, and where the value starts.
   */
  private record Token(
      Kind kind, String text, int position, String field, String operator, String value, boolean quoted,
      int valuePosition) {
    static Token of(Kind kind, String text, int position) {
      return new Token(kind, text, position, null, null, null, false, position);
    }
  }

  /** Splits the query into tokens, keeping each one's position. */
  private static final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
    }

    List<Token> tokens() {
      List<Token> tokens = new ArrayList<>();
      while (true) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= s.length()) {
          tokens.add(Token.of(Kind.END, "", s.length()));
          return tokens;
        }
        char c = s.charAt(i);
        int start = i;
        if (c == '(' || c == ')') {
          i++;
          tokens.add(Token.of(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), start));
        } else if (c == '-') {
          i++;
          if (i >= s.length() || Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ')') {
            throw new QuerySyntaxException("'-' must be followed by a term to leave out, without a space, e.g. -draft",
                start);
          }
          tokens.add(Token.of(Kind.NOT, "-", start));
        } else if (c == '"') {
          String phrase = quoted();
          tokens.add(new Token(Kind.TERM, phrase, start, null, null, phrase, true, start));
        } else {
          tokens.add(word());
        }
      }
    }

    /** Reads a quoted string starting at the quote under {@code i}. */
    private String quoted() {
      int open = i;
      int close = s.indexOf('"', open + 1);
      if (close < 0) {
        throw new QuerySyntaxException("this quote is not closed", open);
      }
      i = close + 1;
      String value = s.substring(open + 1, close);
      if (value.isBlank()) {
        throw new QuerySyntaxException("the quotes are empty", open);
      }
      return value;
    }

    private Token word() {
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()\"".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String word = s.substring(start, i);
      switch (word) {
        case "OR" -> {
          return Token.of(Kind.OR, word, start);
        }
        case "AND" -> {
          return Token.of(Kind.AND, word, start);
        }
        case "NOT" -> {
          return Token.of(Kind.NOT, word, start);
        }
        default -> { }
      }
      Matcher size = SIZE.matcher(word);
      if (size.matches()) {
        String operator = size.group(1);
        int valueStart = start + word.length() - size.group(2).length();
        return new Token(Kind.TERM, word, start, "size", operator, size.group(2), false, valueStart);
      }
      Matcher field = FIELD.matcher(word);
      if (!field.matches()) {
        if (word.isEmpty()) {
          throw new QuerySyntaxException("unexpected character", start); // not reached: a lone quote is read as a phrase
        }
        return new Token(Kind.TERM, word, start, null, null, word, false, start);
      }
      String name = field.group(1);
      int valueStart = start + name.length() + 1;
      if (field.group(2).isEmpty() && i < s.length() && s.charAt(i) == '"') {
        String value = quoted();
        return new Token(Kind.TERM, s.substring(start, i), start, name, null, value, true, valueStart);
      }
      return new Token(Kind.TERM, word, start, name, null, field.group(2), false, valueStart);
    }
  }
}
