package eu.sovereignmail.gateway.smtp.parse;

import eu.sovereignmail.gateway.smtp.SaslCredentials;
import eu.sovereignmail.gateway.smtp.SaslMechanism;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the client side of one AUTH exchange (RFC 4954) for PLAIN (RFC 4616), LOGIN, XOAUTH2 and OAUTHBEARER
 * (RFC 7628); it only decodes: checking the credentials is the identity part's job.
 */
public final class SaslExchange {
  private static final SmtpReply EMPTY_CHALLENGE = SmtpReply.of(334, null, "");
  private static final SmtpReply USERNAME_CHALLENGE = SmtpReply.of(334, null, base64("Username:"));
  private static final SmtpReply PASSWORD_CHALLENGE = SmtpReply.of(334, null, base64("Password:"));
  private static final SmtpReply MALFORMED = SmtpReply.of(501, "5.5.2", "Malformed authentication message");
  private static final String BEARER = "auth=Bearer ";

  private final SaslMechanism mechanism;
  private String loginUser;
  private SaslStep current;

  private SaslExchange(SaslMechanism mechanism) {
    this.mechanism = mechanism;
  }

  /** Starts an exchange for AUTH; the first step is already in {@link #current()}. */
  public static SaslExchange begin(String mechanismName, Optional<String> initialResponse) {
    Optional<SaslMechanism> mechanism = SaslMechanism.lookup(mechanismName);
    SaslExchange exchange = new SaslExchange(mechanism.orElse(null));
    if (mechanism.isEmpty()) {
      exchange.current = new SaslStep.Failed(SmtpReply.AUTH_MECHANISM_UNSUPPORTED);
    } else if (initialResponse.isPresent()) {
      exchange.current = exchange.respond(initialResponse.get());
    } else {
      exchange.current = new SaslStep.Challenge(mechanism.get() == SaslMechanism.LOGIN ? USERNAME_CHALLENGE : EMPTY_CHALLENGE);
    }
    return exchange;
  }

  public SaslStep current() {
    return current;
  }

  /** Feeds one client line (base64, {@code =} for empty, {@code *} to cancel) and returns the next step. */
  public SaslStep respond(String line) {
    if (!(current == null || current instanceof SaslStep.Challenge)) {
      throw new IllegalStateException("the exchange is over: " + current);
    }
    if (line.equals("*")) {
      return current = new SaslStep.Failed(SmtpReply.AUTH_CANCELLED);
    }
    Optional<String> decoded = decode(line);
    if (decoded.isEmpty()) {
      return current = new SaslStep.Failed(SmtpReply.INVALID_BASE64);
    }
    return current = switch (mechanism) {
      case PLAIN -> plain(decoded.get());
      case LOGIN -> login(decoded.get());
      case XOAUTH2 -> xoauth2(decoded.get());
      case OAUTHBEARER -> oauthBearer(decoded.get());
    };
  }

  private static SaslStep plain(String message) {
    String[] parts = message.split("\0", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return new SaslStep.Failed(MALFORMED);
    }
    return new SaslStep.Done(new SaslCredentials.Password(parts[0], parts[1], parts[2]));
  }

  private SaslStep login(String value) {
    if (loginUser == null) {
      if (value.isEmpty()) {
        return new SaslStep.Failed(MALFORMED);
      }
      loginUser = value;
      return new SaslStep.Challenge(PASSWORD_CHALLENGE);
    }
    return new SaslStep.Done(new SaslCredentials.Password("", loginUser, value));
  }

  /** {@code user=<user>^Aauth=Bearer <token>^A^A}. */
  private static SaslStep xoauth2(String message) {
    if (!message.endsWith("\u0001\u0001")) {
      return new SaslStep.Failed(MALFORMED);
    }
    String[] fields = message.substring(0, message.length() - 2).split("\u0001", -1);
    if (fields.length != 2 || !fields[0].startsWith("user=") || fields[0].length() == 5) {
      return new SaslStep.Failed(MALFORMED);
    }
    return bearer(fields[0].substring(5), fields[1]);
  }

  /** GS2 header {@code n,a=<authzid>,} then {@code ^A} key=value pairs including {@code auth=Bearer <token>}, then {@code ^A^A}. */
  private static SaslStep oauthBearer(String message) {
    int headerEnd = message.indexOf('\u0001');
    if (headerEnd < 0 || !message.endsWith("\u0001\u0001")) {
      return new SaslStep.Failed(MALFORMED);
    }
    String[] gs2 = message.substring(0, headerEnd).split(",", -1);
    if (gs2.length != 3 || !(gs2[0].equals("n") || gs2[0].equals("y")) || !gs2[2].isEmpty()) {
      return new SaslStep.Failed(MALFORMED);
    }
    Optional<String> user = gs2[1].isEmpty() ? Optional.of("") : saslName(gs2[1]);
    if (user.isEmpty()) {
      return new SaslStep.Failed(MALFORMED);
    }
    String pairs = message.substring(headerEnd + 1, message.length() - 2);
    for (String pair : pairs.split("\u0001", -1)) {
      if (pair.startsWith("auth=")) {
        return bearer(user.get(), pair);
      }
    }
    return new SaslStep.Failed(MALFORMED);
  }

  /** RFC 5801 saslname in {@code a=}: {@code =2C} is a comma, {@code =3D} an equals sign, nothing else escaped. */
  private static Optional<String> saslName(String field) {
    if (!field.startsWith("a=")) {
      return Optional.empty();
    }
    String value = field.substring(2);
    String unescaped = value.replace("=2C", ",").replace("=3D", "=");
    boolean strayEquals = value.replace("=2C", "").replace("=3D", "").indexOf('=') >= 0;
    return strayEquals || unescaped.isEmpty() ? Optional.empty() : Optional.of(unescaped);
  }

  private static SaslStep bearer(String user, String authField) {
    if (!authField.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authField.length() == BEARER.length()) {
      return new SaslStep.Failed(MALFORMED);
    }
    return new SaslStep.Done(new SaslCredentials.Bearer(user, authField.substring(BEARER.length())));
  }

  private static Optional<String> decode(String line) {
    if (line.equals("=")) {
      return Optional.of("");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(line);
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
