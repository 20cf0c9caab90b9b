package eu.sovereignmail.gateway.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the client side of one SASL exchange for PLAIN (RFC 4616), LOGIN, XOAUTH2 and OAUTHBEARER (RFC 7628), the
 * same for SMTP AUTH and IMAP AUTHENTICATE: both carry base64 lines, {@code =} for an empty initial response and
 * {@code *} to cancel. It only decodes; each protocol renders the steps as its own replies, and identity checks the
 * credentials.
 */
public final class SaslDecoder {
  private static final String BEARER = "auth=Bearer ";

  /** Where the exchange stands after the client's last line. */
  public sealed interface Step {
    /** Send {@code text} (base64-encoded by the protocol; often empty) and feed the client's next line. */
    record Challenge(String text) implements Step {}

    /** The client finished: verify these. */
    record Done(SaslCredentials credentials) implements Step {}

    /** Over without credentials. */
    record Failed(Failure failure) implements Step {}
  }

  /** Why an exchange ended without credentials. */
  public enum Failure { UNSUPPORTED_MECHANISM, CANCELLED, INVALID_BASE64, MALFORMED }

  private final SaslMechanism mechanism;
  private String loginUser;
  private Step current;

  private SaslDecoder(SaslMechanism mechanism) {
    this.mechanism = mechanism;
  }

  /** Starts an exchange; the first step is already in {@link #current()}. */
  public static SaslDecoder begin(String mechanismName, Optional<String> initialResponse) {
    Optional<SaslMechanism> mechanism = SaslMechanism.lookup(mechanismName);
    SaslDecoder exchange = new SaslDecoder(mechanism.orElse(null));
    if (mechanism.isEmpty()) {
      exchange.current = new Step.Failed(Failure.UNSUPPORTED_MECHANISM);
    } else if (initialResponse.isPresent()) {
      exchange.current = exchange.respond(initialResponse.get());
    } else {
      exchange.current = new Step.Challenge(mechanism.get() == SaslMechanism.LOGIN ? "Username:" : "");
    }
    return exchange;
  }

  public Step current() {
    return current;
  }

  public Optional<SaslMechanism> mechanism() {
    return Optional.ofNullable(mechanism);
  }

  /** Feeds one client line (base64, {@code =} for empty, {@code *} to cancel) and returns the next step. */
  public Step respond(String line) {
    if (!(current == null || current instanceof Step.Challenge)) {
      throw new IllegalStateException("the exchange is over: " + current);
    }
    if (line.equals("*")) {
      return current = new Step.Failed(Failure.CANCELLED);
    }
    Optional<String> decoded = decode(line);
    if (decoded.isEmpty()) {
      return current = new Step.Failed(Failure.INVALID_BASE64);
    }
    return current = switch (mechanism) {
      case PLAIN -> plain(decoded.get());
      case LOGIN -> login(decoded.get());
      case XOAUTH2 -> xoauth2(decoded.get());
      case OAUTHBEARER -> oauthBearer(decoded.get());
    };
  }

  private static Step plain(String message) {
    String[] parts = message.split("\0", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return new Step.Failed(Failure.MALFORMED);
    }
    return new Step.Done(new SaslCredentials.Password(parts[0], parts[1], parts[2]));
  }

  private Step login(String value) {
    if (loginUser == null) {
      if (value.isEmpty()) {
        return new Step.Failed(Failure.MALFORMED);
      }
      loginUser = value;
      return new Step.Challenge("Password:");
    }
    return new Step.Done(new SaslCredentials.Password("", loginUser, value));
  }

  /** {@code user=<user>^Aauth=Bearer <token>^A^A}. */
  private static Step xoauth2(String message) {
    if (!message.endsWith("\u0001\u0001")) {
      return new Step.Failed(Failure.MALFORMED);
    }
    String[] fields = message.substring(0, message.length() - 2).split("\u0001", -1);
    if (fields.length != 2 || !fields[0].startsWith("user=") || fields[0].length() == 5) {
      return new Step.Failed(Failure.MALFORMED);
    }
    return bearer(fields[0].substring(5), fields[1]);
  }

  /** GS2 header {@code n,a=<authzid>,} then {@code ^A} key=value pairs including {@code auth=Bearer <token>}, then {@code ^A^A}. */
  private static Step oauthBearer(String message) {
    int headerEnd = message.indexOf('\u0001');
    if (headerEnd < 0 || !message.endsWith("\u0001\u0001")) {
      return new Step.Failed(Failure.MALFORMED);
    }
    String[] gs2 = message.substring(0, headerEnd).split(",", -1);
    if (gs2.length != 3 || !(gs2[0].equals("n") || gs2[0].equals("y")) || !gs2[2].isEmpty()) {
      return new Step.Failed(Failure.MALFORMED);
    }
    Optional<String> user = gs2[1].isEmpty() ? Optional.of("") : saslName(gs2[1]);
    if (user.isEmpty()) {
      return new Step.Failed(Failure.MALFORMED);
    }
    String pairs = message.substring(headerEnd + 1, message.length() - 2);
    for (String pair : pairs.split("\u0001", -1)) {
      if (pair.startsWith("auth=")) {
        return bearer(user.get(), pair);
      }
    }
    return new Step.Failed(Failure.MALFORMED);
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

  private static Step bearer(String user, String authField) {
    if (!authField.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authField.length() == BEARER.length()) {
      return new Step.Failed(Failure.MALFORMED);
    }
    return new Step.Done(new SaslCredentials.Bearer(user, authField.substring(BEARER.length())));
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

  /** The base64 form of a challenge text, as both protocols put it on the wire. */
  public static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
