package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.auth.Authenticator;
import java.util.Objects;

/**
 * The outside decisions a session asks for, bundled so listeners and sessions pass one value; {@code inbound} is the
 * filter every message of an unauthenticated session passes (mail authentication), {@link MessageFilter#NONE} if none.
 */
public record SessionPolicies(RecipientPolicy recipients, Authenticator authenticator, SenderPolicy senders,
    SendingLimits limits, MessageFilter inbound) {
  public SessionPolicies {
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(senders, "senders");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(inbound, "inbound");
  }

  /** Policies without an inbound filter. */
  public SessionPolicies(RecipientPolicy recipients, Authenticator authenticator, SenderPolicy senders, SendingLimits limits) {
    this(recipients, authenticator, senders, limits, MessageFilter.NONE);
  }
}
