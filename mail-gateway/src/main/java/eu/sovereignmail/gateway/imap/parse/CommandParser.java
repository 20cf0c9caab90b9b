package eu.sovereignmail.gateway.imap.parse;

import eu.sovereignmail.gateway.imap.ImapCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RawCommand} → {@link ParsedCommand} for the not-authenticated state: CAPABILITY, NOOP, LOGOUT, STARTTLS,
 * ID, LOGIN, AUTHENTICATE (with SASL-IR); any other RFC 9051/3501 command name is recognised as {@link
 * ImapCommand.NotYet}. Pure: no I/O, no state.
 */
public final class CommandParser {
  private static final int MAX_ID_FIELDS = 60;
  private static final int MAX_ID_VALUE = 1024;
  private static final Set<String> LATER = Set.of("SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE",
      "UNSUBSCRIBE", "LIST", "LSUB", "NAMESPACE", "STATUS", "APPEND", "IDLE", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE",
      "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID", "ENABLE", "GETQUOTA", "GETQUOTAROOT", "SETQUOTA", "GETACL",
      "SETACL", "MYRIGHTS", "LISTRIGHTS", "DELETEACL", "GETMETADATA", "SETMETADATA", "COMPRESS", "SORT", "THREAD");

  private CommandParser() {}

  public static ParsedCommand parse(RawCommand raw) {
    byte[] first = raw.segments().getFirst().bytes();
    String tag = CommandReader.tagOf(first, first.length);
    if (tag.equals("*")) {
      return new ParsedCommand.SyntaxError("*", first.length == 0 ? "Empty command line" : "Missing or invalid tag");
    }
    Tokens tokens = new Tokens(raw);
    try {
      tokens.atom(false);
      tokens.space();
      String name = tokens.atom(false).toUpperCase(Locale.ROOT);
      ImapCommand command = switch (name) {
        case "CAPABILITY" -> new ImapCommand.Capability();
        case "NOOP" -> new ImapCommand.Noop();
        case "LOGOUT" -> new ImapCommand.Logout();
        case "STARTTLS" -> new ImapCommand.StartTls();
        case "ID" -> id(tokens);
        case "LOGIN" -> login(tokens);
        case "AUTHENTICATE" -> authenticate(tokens);
        default -> {
          if (!LATER.contains(name)) {
            throw new Tokens.SyntaxException("Unknown command " + printable(name));
          }
          yield new ImapCommand.NotYet(name);
        }
      };
      if (!(command instanceof ImapCommand.NotYet) && !tokens.atEnd()) {
        throw new Tokens.SyntaxException("Unexpected arguments");
      }
      return new ParsedCommand.Ok(tag, command);
    } catch (Tokens.SyntaxException e) {
      return new ParsedCommand.SyntaxError(tag, e.getMessage());
    }
  }

  private static ImapCommand login(Tokens tokens) throws Tokens.SyntaxException {
    tokens.space();
    String user = tokens.astring();
    tokens.space();
    String password = tokens.astring();
    return new ImapCommand.Login(user, password);
  }

  private static ImapCommand authenticate(Tokens tokens) throws Tokens.SyntaxException {
    tokens.space();
    String mechanism = tokens.atom(false);
    Optional<String> initial = Optional.empty();
    if (!tokens.atEnd()) {
      tokens.space();
      if (tokens.peek('=')) {
        tokens.expect('=');
        initial = Optional.of("=");
      } else {
        initial = Optional.of(base64(tokens.atom(false)));
      }
    }
    return new ImapCommand.Authenticate(mechanism, initial);
  }

  private static String base64(String value) throws Tokens.SyntaxException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=')) {
        throw new Tokens.SyntaxException("Initial response is not base64");
      }
    }
    return value;
  }

  /** ID SP ( "(" string SP nstring *(SP string SP nstring) ")" / NIL ). */
  private static ImapCommand id(Tokens tokens) throws Tokens.SyntaxException {
    tokens.space();
    if (!tokens.peek('(')) {
      if (!tokens.atom(false).equalsIgnoreCase("NIL")) {
        throw new Tokens.SyntaxException("Expected a list or NIL");
      }
      return new ImapCommand.Id(List.of());
    }
    tokens.expect('(');
    List<String> fields = new ArrayList<>();
    while (!tokens.peek(')')) {
      if (!fields.isEmpty()) {
        tokens.space();
      }
      String field = tokens.nstring().orElseThrow(() -> new Tokens.SyntaxException("ID field name is NIL"));
      tokens.space();
      String value = tokens.nstring().orElse("NIL");
      if (fields.size() >= MAX_ID_FIELDS || field.length() > 30 || value.length() > MAX_ID_VALUE) {
        throw new Tokens.SyntaxException("ID list too long");
      }
      fields.add(field);
      fields.add(value);
    }
    tokens.expect(')');
    return new ImapCommand.Id(List.copyOf(fields));
  }

  /** At most 32 printable ASCII characters of client input, for a reply or the log. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      if (out.length() == 32) {
        break;
      }
      out.append(b >= 0x21 && b < 0x7f ? (char) b : '?');
    }
    return out.toString();
  }
}
