package eu.sovereignmail.identity.auth.internal;

import eu.sovereignmail.identity.auth.Principal;
import java.time.Instant;

/** What checking one access token found: valid for a principal, invalid (with a reason to log), or not checkable now. */
public sealed interface TokenCheck {

  /** A valid token of {@code principal}, issued at {@code issuedAt} ({@link Instant#MIN} when it does not say). */
  record Valid(Principal principal, Instant issuedAt) implements TokenCheck {}

  record Invalid(String reason) implements TokenCheck {}

  record KeysUnavailable(String reason) implements TokenCheck {}
}
