package eu.sovereignmail.gateway.spool;

import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import java.util.Set;

/** One RCPT TO of an envelope with its RFC 3461 parameters ({@code orcpt} null when not given). */
public record Recipient(String address, Set<DsnNotify> notifyOn, OriginalRecipient orcpt) {
  public Recipient {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("empty recipient address");
    }
    notifyOn = Set.copyOf(notifyOn);
  }

  public static Recipient of(String address) {
    return new Recipient(address, Set.of(), null);
  }
}
