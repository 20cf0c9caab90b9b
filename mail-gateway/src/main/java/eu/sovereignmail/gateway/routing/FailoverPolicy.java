package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.routing.internal.RouteKeys;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, from the legacy provider's answer for one recipient, whether that recipient (or its domain) must leave the
 * legacy provider for James. Pure: reply, time and settings in, decision out.
 *
 * <ul>
 *   <li>A permanent refusal about the account or the sender's right to deliver fails over at once: enhanced status
 *       5.1.x (addressing: mailbox unknown, moved), 5.2.x (mailbox disabled, full, cut off) and 5.7.x (policy,
 *       blocked).
 *   <li>Any other permanent refusal (5.3.4 too big, 5.6.x content, 5.5.x protocol, or no enhanced status) is about this
 *       message, not the account: no failover; the message fails as usual.
 *   <li>No answer (unreachable) or a temporary failure fails over once the leg has been failing for longer than the
 *       window; until then the message is retried.
 * </ul>
 */
public final class FailoverPolicy {
  private final FailoverSettings settings;

  public FailoverPolicy(FailoverSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param recipient the envelope recipient the legacy host answered for
   * @param legacyReply the legacy host's reply for that recipient, or null when it could not be reached
   * @param failingFor how long the legacy leg has been failing for this message (since it was received, or since the
   *     first failure)
   */
  public FailoverDecision decide(String recipient, SmtpReply legacyReply, Duration failingFor) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(failingFor, "failingFor");
    if (failingFor.isNegative()) {
      failingFor = Duration.ZERO; // a clock step back; never treat it as a long outage
    }
    if (legacyReply != null && legacyReply.positive()) {
      return new FailoverDecision.Stay("legacy provider accepted: " + legacyReply);
    }
    if (legacyReply != null && !legacyReply.transientFailure()) {
      return permanent(recipient, legacyReply);
    }
    String what = legacyReply == null ? "legacy provider unreachable" : "legacy provider deferred: " + legacyReply;
    if (failingFor.compareTo(settings.window()) <= 0) {
      return new FailoverDecision.Stay(what + " (failing for " + minutes(failingFor) + " of a "
          + minutes(settings.window()) + " window)");
    }
    return failOver(recipient, what + " for " + minutes(failingFor) + ", longer than the " + minutes(settings.window())
        + " window");
  }

  private FailoverDecision permanent(String recipient, SmtpReply reply) {
    String enhanced = reply.enhanced();
    if (enhanced != null && (enhanced.startsWith("5.1.") || enhanced.startsWith("5.2.") || enhanced.startsWith("5.7."))) {
      return failOver(recipient, "legacy provider refused the recipient permanently: " + reply);
    }
    return new FailoverDecision.Stay("legacy provider refused this message, not the account: " + reply);
  }

  private FailoverDecision failOver(String recipient, String reason) {
    Optional<String> key = settings.scope() == RouteRule.Scope.DOMAIN
        ? RouteKeys.domain(recipient)
        : RouteKeys.recipient(recipient);
    if (key.isEmpty()) {
      return new FailoverDecision.Stay(reason + "; but no " + settings.scope() + " route can name " + recipient);
    }
    return new FailoverDecision.FailOver(settings.scope(), key.get(), reason);
  }

  private static String minutes(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
  }
}
