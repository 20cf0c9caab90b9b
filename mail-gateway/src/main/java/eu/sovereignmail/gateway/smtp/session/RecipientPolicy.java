package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.Mailbox;

/** What RCPT TO needs to know from identity/routing: which domains are ours and which of our addresses exist. */
public interface RecipientPolicy {
  /** True when {@code domain} (as written by the client, any case) is served by this gateway. */
  boolean isLocalDomain(String domain);

  /** True when {@code address}, in a local domain, is a known user or alias. */
  boolean isKnownLocal(Mailbox address);

  /** Like {@link #isKnownLocal}, but able to say "cannot tell now" (RCPT then answers 450, not 550). */
  default Lookup lookup(Mailbox address) {
    return isKnownLocal(address) ? Lookup.KNOWN : Lookup.UNKNOWN;
  }
}
