package eu.sovereignmail.gateway.smtp.parse;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.CommandSyntaxError;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.smtp.ParsedCommand;
import eu.sovereignmail.gateway.smtp.SmtpCommand;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one command line (without CRLF) into a typed {@link SmtpCommand} or a {@link CommandSyntaxError}. */
public final class CommandParser {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
  private static final Pattern MECHANISM = Pattern.compile("[A-Za-z0-9_-]{1,20}");
  private static final Pattern BASE64 = Pattern.compile("=|[A-Za-z0-9+/]*={0,2}");
  private static final Pattern ADDRESS_TYPE = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+(\\.[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+)*");
  private static final int MAX_ENVID = 100;

  private CommandParser() {}

  /**
   * {@code utf8Transaction}: the current MAIL FROM carried SMTPUTF8, so RCPT TO may name non-ASCII mailboxes.
   */
  public static ParsedCommand parse(String line, boolean utf8Transaction) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return error(SmtpReply.SYNTAX_ERROR.withText("Control characters are not allowed in commands"));
      }
    }
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String args = space < 0 ? "" : line.substring(space + 1).stripTrailing();
    return switch (verb) {
      case "HELO" -> domainArgument(args, false);
      case "EHLO" -> domainArgument(args, true);
      case "MAIL" -> MailParameters.mailFrom(args);
      case "RCPT" -> MailParameters.rcptTo(args, utf8Transaction);
      case "DATA" -> noArguments(args, new SmtpCommand.Data());
      case "BDAT" -> bdat(args);
      case "RSET" -> noArguments(args, new SmtpCommand.Rset());
      case "NOOP" -> new SmtpCommand.Noop();
      case "QUIT" -> noArguments(args, new SmtpCommand.Quit());
      case "STARTTLS" -> noArguments(args, new SmtpCommand.StartTls());
      case "VRFY" -> args.isEmpty() ? error(SmtpReply.INVALID_ARGUMENTS.withText("VRFY needs an argument")) : new SmtpCommand.Vrfy(args);
      case "HELP" -> new SmtpCommand.Help(args.isEmpty() ? Optional.empty() : Optional.of(args));
      case "AUTH" -> auth(args);
      case "" -> error(SmtpReply.SYNTAX_ERROR.withText("Empty command"));
      default -> new SmtpCommand.Unknown(verb);
    };
  }

  static CommandSyntaxError error(SmtpReply reply) {
    return new CommandSyntaxError(reply);
  }

  private static ParsedCommand domainArgument(String args, boolean ehlo) {
    String[] words = args.split(" +");
    if (args.isEmpty() || words.length != 1) {
      return error(SmtpReply.INVALID_ARGUMENTS.withText((ehlo ? "EHLO" : "HELO") + " needs exactly one domain or address literal"));
    }
    return ehlo ? new SmtpCommand.Ehlo(args) : new SmtpCommand.Helo(args);
  }

  private static ParsedCommand noArguments(String args, SmtpCommand command) {
    return args.isEmpty() ? command : error(SmtpReply.INVALID_ARGUMENTS.withText("No arguments allowed"));
  }

  private static ParsedCommand bdat(String args) {
    String[] words = args.split(" +");
    boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
    if (args.isEmpty() || words.length > 2 || words.length == 2 && !last || !DIGITS.matcher(words[0]).matches()) {
      return error(SmtpReply.INVALID_ARGUMENTS.withText("Syntax: BDAT <size> [LAST]"));
    }
    return parseSize(words[0])
        .<ParsedCommand>map(size -> new SmtpCommand.Bdat(size, last))
        .orElseGet(() -> error(SmtpReply.INVALID_ARGUMENTS.withText("BDAT size out of range")));
  }

  static Optional<Long> parseSize(String digits) {
    if (!DIGITS.matcher(digits).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static ParsedCommand auth(String args) {
    String[] words = args.split(" +");
    if (args.isEmpty() || words.length > 2 || !MECHANISM.matcher(words[0]).matches()) {
      return error(SmtpReply.INVALID_ARGUMENTS.withText("Syntax: AUTH <mechanism> [initial-response]"));
    }
    if (words.length == 2 && !BASE64.matcher(words[1]).matches()) {
      return error(SmtpReply.INVALID_BASE64);
    }
    return new SmtpCommand.Auth(words[0].toUpperCase(Locale.ROOT), words.length == 2 ? Optional.of(words[1]) : Optional.empty());
  }

  /** MAIL FROM and RCPT TO: the path, then space-separated ESMTP parameters. */
  private static final class MailParameters {
    private MailParameters() {}

    static ParsedCommand mailFrom(String args) {
      Optional<String> rest = afterKeyword(args, "FROM:");
      if (rest.isEmpty()) {
        return error(SmtpReply.SYNTAX_ERROR.withText("Syntax: MAIL FROM:<address> [parameters]"));
      }
      String text = rest.get();
      Optional<PathParser.Parsed> path = PathParser.parse(text, 0, true, true, false);
      if (path.isEmpty()) {
        return error(SmtpReply.BAD_SENDER_SYNTAX);
      }
      long size = -1;
      BodyType body = BodyType.SEVEN_BIT;
      boolean smtpUtf8 = false;
      Optional<DsnRet> ret = Optional.empty();
      Optional<String> envid = Optional.empty();
      Optional<String> auth = Optional.empty();
      Optional<List<EsmtpParameter>> parameters = EsmtpParameter.split(text.substring(path.get().end()));
      if (parameters.isEmpty()) {
        return error(SmtpReply.INVALID_ARGUMENTS.withText("Malformed or repeated MAIL FROM parameter"));
      }
      for (EsmtpParameter p : parameters.get()) {
        switch (p.keyword()) {
          case "SIZE" -> {
            Optional<Long> parsed = p.value().flatMap(CommandParser::parseSize);
            if (parsed.isEmpty()) {
              return badValue(p);
            }
            size = parsed.get();
          }
          case "BODY" -> {
            String value = p.value().orElse("").toUpperCase(Locale.ROOT);
            if (value.equals("7BIT")) {
              body = BodyType.SEVEN_BIT;
            } else if (value.equals("8BITMIME")) {
              body = BodyType.EIGHT_BIT_MIME;
            } else {
              return badValue(p);
            }
          }
          case "SMTPUTF8" -> {
            if (p.value().isPresent()) {
              return badValue(p);
            }
            smtpUtf8 = true;
          }
          case "RET" -> {
            String value = p.value().orElse("").toUpperCase(Locale.ROOT);
            if (!value.equals("FULL") && !value.equals("HDRS")) {
              return badValue(p);
            }
            ret = Optional.of(DsnRet.valueOf(value));
          }
          case "ENVID" -> {
            envid = p.value().flatMap(XText::decode).filter(v -> !v.isEmpty() && v.length() <= MAX_ENVID);
            if (envid.isEmpty()) {
              return badValue(p);
            }
          }
          case "AUTH" -> {
            Optional<String> decoded = p.value().flatMap(XText::decode);
            if (decoded.isEmpty()) {
              return badValue(p);
            }
            auth = decoded.filter(v -> !v.equals("<>"));
          }
          default -> {
            return error(SmtpReply.PARAMETER_NOT_RECOGNIZED.withText("Parameter " + p.keyword() + " not recognized"));
          }
        }
      }
      Optional<Mailbox> reversePath = path.get().mailbox();
      if (!smtpUtf8 && reversePath.map(Mailbox::needsSmtpUtf8).orElse(false)) {
        return error(SmtpReply.NON_ASCII_ADDRESS);
      }
      return new SmtpCommand.MailFrom(reversePath, size, body, smtpUtf8, ret, envid, auth);
    }

    static ParsedCommand rcptTo(String args, boolean utf8Transaction) {
      Optional<String> rest = afterKeyword(args, "TO:");
      if (rest.isEmpty()) {
        return error(SmtpReply.SYNTAX_ERROR.withText("Syntax: RCPT TO:<address> [parameters]"));
      }
      String text = rest.get();
      Optional<PathParser.Parsed> path = PathParser.parse(text, 0, true, false, true);
      if (path.isEmpty()) {
        return error(SmtpReply.BAD_RECIPIENT_SYNTAX);
      }
      Mailbox forwardPath = path.get().mailbox().orElseThrow();
      if (!utf8Transaction && forwardPath.needsSmtpUtf8()) {
        return error(SmtpReply.NON_ASCII_ADDRESS);
      }
      Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
      Optional<OriginalRecipient> orcpt = Optional.empty();
      Optional<List<EsmtpParameter>> parameters = EsmtpParameter.split(text.substring(path.get().end()));
      if (parameters.isEmpty()) {
        return error(SmtpReply.INVALID_ARGUMENTS.withText("Malformed or repeated RCPT TO parameter"));
      }
      for (EsmtpParameter p : parameters.get()) {
        switch (p.keyword()) {
          case "NOTIFY" -> {
            Optional<Set<DsnNotify>> parsed = p.value().flatMap(MailParameters::notify);
            if (parsed.isEmpty()) {
              return badValue(p);
            }
            notify = parsed.get();
          }
          case "ORCPT" -> {
            orcpt = p.value().flatMap(MailParameters::orcpt);
            if (orcpt.isEmpty()) {
              return badValue(p);
            }
          }
          default -> {
            return error(SmtpReply.PARAMETER_NOT_RECOGNIZED.withText("Parameter " + p.keyword() + " not recognized"));
          }
        }
      }
      return new SmtpCommand.RcptTo(forwardPath, notify, orcpt);
    }

    private static Optional<String> afterKeyword(String args, String keyword) {
      if (!args.regionMatches(true, 0, keyword, 0, keyword.length())) {
        return Optional.empty();
      }
      return Optional.of(args.substring(keyword.length()).stripLeading());
    }

    private static Optional<Set<DsnNotify>> notify(String value) {
      Set<DsnNotify> result = EnumSet.noneOf(DsnNotify.class);
      for (String word : value.split(",", -1)) {
        try {
          result.add(DsnNotify.valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
          return Optional.empty();
        }
      }
      boolean neverMixed = result.contains(DsnNotify.NEVER) && result.size() > 1;
      return neverMixed ? Optional.empty() : Optional.of(result);
    }

    private static Optional<OriginalRecipient> orcpt(String value) {
      int semicolon = value.indexOf(';');
      if (semicolon <= 0 || !ADDRESS_TYPE.matcher(value.substring(0, semicolon)).matches()) {
        return Optional.empty();
      }
      return XText.decode(value.substring(semicolon + 1))
          .filter(address -> !address.isEmpty())
          .map(address -> new OriginalRecipient(value.substring(0, semicolon), address));
    }

    private static ParsedCommand badValue(EsmtpParameter p) {
      return error(SmtpReply.INVALID_ARGUMENTS.withText("Invalid value for parameter " + p.keyword()));
    }
  }
}
