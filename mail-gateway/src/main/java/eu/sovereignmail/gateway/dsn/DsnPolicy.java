package eu.sovereignmail.gateway.dsn;

import eu.sovereignmail.gateway.delivery.FailedRecipient;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.spool.Envelope;
import java.util.List;
import java.util.Set;

/**
 * Decides which recipients a DSN reports (RFC 3461 5.2, 6.1), kept apart so the rules are checked in one place: never
 * anything for the null sender (a DSN about a DSN would loop), never a recipient with NOTIFY=NEVER; a failure when
 * NOTIFY was absent or names FAILURE; a delay only when NOTIFY names DELAY.
 */
public final class DsnPolicy {
  private DsnPolicy() {}

  /** The recipients of {@code original} among {@code candidates} that get a DSN of kind {@code action}, in order. */
  public static List<FailedRecipient> reported(Envelope original, List<FailedRecipient> candidates, DsnAction action) {
    if (original.mailFrom() == null) {
      return List.of();
    }
    return candidates.stream().filter(c -> wants(c.recipient().notifyOn(), action)).toList();
  }

  /** True when a recipient with these NOTIFY conditions asked (explicitly or by default) for {@code action}. */
  public static boolean wants(Set<DsnNotify> notifyOn, DsnAction action) {
    if (notifyOn.contains(DsnNotify.NEVER)) {
      return false;
    }
    if (notifyOn.isEmpty()) {
      return action == DsnAction.FAILED;
    }
    return notifyOn.contains(action.condition());
  }
}
