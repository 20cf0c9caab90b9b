package eu.sovereignmail.gateway.auth;

import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.identity.auth.AuthResult;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.Principal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP AUTH checked by identity: PLAIN/LOGIN as password logins, XOAUTH2/OAUTHBEARER as bearer logins. The
 * session's principal is the user's mailbox address (what the sender policy compares MAIL FROM with); a refusal is
 * sent only after identity's throttle delay, so guessing passwords over SMTP is as slow as anywhere else.
 */
public final class IdentityAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityAuthenticator.class);

  /** Waits before a refusal; the real one blocks the connection's (virtual) thread. */
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final IdentityChecks identity;
  private final Pause pause;

  public IdentityAuthenticator(CredentialAuthenticator identity) {
    this(IdentityChecks.of(Objects.requireNonNull(identity, "identity")), duration -> Thread.sleep(duration));
  }

  IdentityAuthenticator(IdentityChecks identity, Pause pause) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.pause = Objects.requireNonNull(pause, "pause");
  }

  /** Checks {@code credentials} for a client at {@code clientIp} (throttled per login and per address). */
  @Override
  public Result authenticate(SaslCredentials credentials, String clientIp) {
    AuthResult verdict = switch (credentials) {
      case SaslCredentials.Password password -> identity.password(password.user(), password.password(), clientIp);
      case SaslCredentials.Bearer bearer -> identity.bearer(bearer.user(), bearer.token(), clientIp);
    };
    return switch (verdict) {
      case AuthResult.Authenticated ok -> authorize(credentials, ok.principal(), clientIp);
      case AuthResult.Rejected rejected -> rejectAfter(rejected.replyDelay());
      case AuthResult.TemporarilyUnavailable unavailable -> new Result.Unavailable();
    };
  }

  /** PLAIN may name someone to act as: only oneself is allowed (no proxy rights exist). */
  private Result authorize(SaslCredentials credentials, Principal principal, String clientIp) {
    String mailbox = mailboxOf(principal);
    if (credentials instanceof SaslCredentials.Password password && !password.authorizationId().isEmpty()) {
      String asked = password.authorizationId().strip().toLowerCase(Locale.ROOT);
      if (!asked.equals(mailbox) && !asked.equals(principal.username().toLowerCase(Locale.ROOT))
          && !asked.equals(password.user().strip().toLowerCase(Locale.ROOT))) {
        LOG.info("event=smtp.auth.authzid_refused user={} ip={}", principal.username(), clientIp);
        return new Result.Rejected();
      }
    }
    return new Result.Authenticated(mailbox, principal.username().toLowerCase(Locale.ROOT));
  }

  /** The user's email, lower-cased; the username when identity knows no email. */
  static String mailboxOf(Principal principal) {
    String address = principal.email().isBlank() ? principal.username() : principal.email();
    return address.strip().toLowerCase(Locale.ROOT);
  }

  private Result rejectAfter(Duration delay) {
    if (delay.isPositive()) {
      try {
        pause.pause(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Result.Rejected();
  }
}
