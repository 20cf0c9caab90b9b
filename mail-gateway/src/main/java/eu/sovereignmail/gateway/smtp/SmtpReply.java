package eu.sovereignmail.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** One SMTP reply (code, optional RFC 3463 enhanced status, text lines): every protocol error is one of these. */
public record SmtpReply(int code, String enhanced, List<String> lines) {
  private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  public static final SmtpReply OK = of(250, "2.0.0", "OK");
  public static final SmtpReply CLOSING = of(221, "2.0.0", "Bye");
  public static final SmtpReply START_MAIL_INPUT = of(354, null, "End data with <CR><LF>.<CR><LF>");
  public static final SmtpReply READY_TO_START_TLS = of(220, "2.0.0", "Ready to start TLS");
  public static final SmtpReply AUTH_SUCCEEDED = of(235, "2.7.0", "Authentication successful");
  public static final SmtpReply SERVICE_UNAVAILABLE = of(421, "4.3.2", "Service not available, closing channel");
  public static final SmtpReply STORAGE_FAILURE = of(452, "4.3.1", "Insufficient system storage, try again later");
  public static final SmtpReply COMMAND_UNRECOGNIZED = of(500, "5.5.1", "Command unrecognized");
  public static final SmtpReply COMMAND_LINE_TOO_LONG = of(500, "5.5.2", "Line too long (512 octets max)");
  public static final SmtpReply TEXT_LINE_TOO_LONG = of(500, "5.5.2", "Message line too long (1000 octets max)");
  public static final SmtpReply SYNTAX_ERROR = of(501, "5.5.2", "Syntax error");
  public static final SmtpReply INVALID_ARGUMENTS = of(501, "5.5.4", "Invalid command arguments");
  public static final SmtpReply BAD_SENDER_SYNTAX = of(501, "5.1.7", "Bad sender address syntax");
  public static final SmtpReply BAD_RECIPIENT_SYNTAX = of(501, "5.1.3", "Bad recipient address syntax");
  public static final SmtpReply INVALID_BASE64 = of(501, "5.5.2", "Invalid base64 data");
  public static final SmtpReply AUTH_CANCELLED = of(501, "5.0.0", "Authentication cancelled");
  public static final SmtpReply AUTH_MECHANISM_UNSUPPORTED = of(504, "5.5.4", "Unrecognized authentication mechanism");
  public static final SmtpReply BAD_SEQUENCE = of(503, "5.5.1", "Bad sequence of commands");
  public static final SmtpReply BARE_LINE_BREAK = of(521, "5.5.2", "Bare CR or LF received; only CRLF ends a line. Closing");
  public static final SmtpReply AUTH_FAILED = of(535, "5.7.8", "Authentication credentials invalid");
  public static final SmtpReply MESSAGE_TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
  public static final SmtpReply NON_ASCII_ADDRESS = of(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter");
  public static final SmtpReply PARAMETER_NOT_RECOGNIZED = of(555, "5.5.4", "MAIL FROM/RCPT TO parameter not recognized or not implemented");

  public SmtpReply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    if (enhanced != null && (!ENHANCED.matcher(enhanced).matches() || enhanced.charAt(0) != Integer.toString(code).charAt(0))) {
      throw new IllegalArgumentException("enhanced status " + enhanced + " does not fit code " + code);
    }
    lines = List.copyOf(lines.isEmpty() ? List.of("") : lines);
    for (String line : lines) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("reply text must not contain CR or LF");
      }
    }
  }

  public static SmtpReply of(int code, String enhanced, String... lines) {
    return new SmtpReply(code, enhanced, List.of(lines));
  }

  /** The same code and enhanced status with other text, e.g. a more precise explanation. */
  public SmtpReply withText(String... text) {
    return new SmtpReply(code, enhanced, List.of(text));
  }

  public boolean positive() {
    return code < 400;
  }

  public boolean transientFailure() {
    return code >= 400 && code < 500;
  }

  /** The wire form: {@code 250-first}, ..., {@code 250 last}, each line ending in CRLF. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
      if (enhanced != null) {
        out.append(enhanced);
        if (!lines.get(i).isEmpty()) {
          out.append(' ');
        }
      }
      out.append(lines.get(i)).append("\r\n");
    }
    return out.toString();
  }

  public byte[] toBytes() {
    return render().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return code + (enhanced == null ? "" : " " + enhanced) + " " + String.join(" / ", lines);
  }
}
