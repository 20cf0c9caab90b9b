package eu.sovereignmail.identity.auth;

import java.time.Duration;
import java.util.Objects;

/** The three answers a protocol session can act on: let in, refuse, or "try again later" (never a refusal). */
public sealed interface AuthResult {

  /** The credential is valid for {@code principal}. */
  record Authenticated(Principal principal) implements AuthResult {
    public Authenticated {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * The credential is not accepted. Never says why (unknown user, wrong password, locked out, bad token):
   * the answer for an unknown user is the same as for a known one.
   *
   * @param replyDelay how long the protocol should wait before sending its failure reply (grows with the
   *     failures of the login and of the client address)
   */
  record Rejected(Duration replyDelay) implements AuthResult {
    public Rejected {
      Objects.requireNonNull(replyDelay, "replyDelay");
    }
  }

  /** The credential could not be checked (Keycloak unreachable, failing or slow); a temporary failure. */
  record TemporarilyUnavailable(String reason) implements AuthResult {
    public TemporarilyUnavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
