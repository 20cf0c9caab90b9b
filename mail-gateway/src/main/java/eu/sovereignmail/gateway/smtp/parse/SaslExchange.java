package eu.sovereignmail.gateway.smtp.parse;

import eu.sovereignmail.gateway.sasl.SaslDecoder;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.util.Optional;

/**
 * One AUTH exchange (RFC 4954) in SMTP terms: the shared {@link SaslDecoder} does the decoding, this turns its steps
 * into 334 challenges and 5xx replies; checking the credentials is the identity part's job.
 */
public final class SaslExchange {
  private static final SmtpReply MALFORMED = SmtpReply.of(501, "5.5.2", "Malformed authentication message");

  private final SaslDecoder decoder;
  private SaslStep current;

  private SaslExchange(SaslDecoder decoder) {
    this.decoder = decoder;
    this.current = smtp(decoder.current());
  }

  /** Starts an exchange for AUTH; the first step is already in {@link #current()}. */
  public static SaslExchange begin(String mechanismName, Optional<String> initialResponse) {
    return new SaslExchange(SaslDecoder.begin(mechanismName, initialResponse));
  }

  public SaslStep current() {
    return current;
  }

  /** Feeds one client line (base64, {@code =} for empty, {@code *} to cancel) and returns the next step. */
  public SaslStep respond(String line) {
    return current = smtp(decoder.respond(line));
  }

  private static SaslStep smtp(SaslDecoder.Step step) {
    return switch (step) {
      case SaslDecoder.Step.Challenge challenge -> new SaslStep.Challenge(
          SmtpReply.of(334, null, challenge.text().isEmpty() ? "" : SaslDecoder.encode(challenge.text())));
      case SaslDecoder.Step.Done done -> new SaslStep.Done(done.credentials());
      case SaslDecoder.Step.Failed failed -> new SaslStep.Failed(switch (failed.failure()) {
        case UNSUPPORTED_MECHANISM -> SmtpReply.AUTH_MECHANISM_UNSUPPORTED;
        case CANCELLED -> SmtpReply.AUTH_CANCELLED;
        case INVALID_BASE64 -> SmtpReply.INVALID_BASE64;
        case MALFORMED -> MALFORMED;
      });
    };
  }
}
