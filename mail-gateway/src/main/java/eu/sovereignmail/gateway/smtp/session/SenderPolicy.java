package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.Mailbox;
import java.util.Optional;

/** Whether an authenticated user may use a MAIL FROM address (own address or alias); empty is the null sender. */
@FunctionalInterface
public interface SenderPolicy {
  boolean mayUse(String principal, Optional<Mailbox> reversePath);
}
