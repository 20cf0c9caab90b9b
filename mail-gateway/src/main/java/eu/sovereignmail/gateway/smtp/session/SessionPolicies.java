package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.auth.Authenticator;
import java.util.Objects;

/** The outside decisions a session asks for, bundled so listeners and sessions pass one value. */
public record SessionPolicies(
    RecipientPolicy recipients, Authenticator authenticator, SenderPolicy senders, SendingLimits limits) {
  public SessionPolicies {
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(senders, "senders");
    Objects.requireNonNull(limits, "limits");
  }
}
