package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.limits.TrafficGovernor;
import eu.sovereignmail.gateway.limits.TrafficLimits;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.smtp.Mailbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Policy doubles for session and server tests: domain example.eu with alice and bob; alice's password is "secret". */
public final class TestPolicies {
  public static final String DOMAIN = "example.eu";
  public static final String PASSWORD = "secret";
  /** A user whose login makes the authenticator answer "unavailable". */
  public static final String UNAVAILABLE_USER = "carol";

  private TestPolicies() {}

  public static SessionPolicies policies() {
    RecipientPolicy recipients = new RecipientPolicy() {
      @Override
      public boolean isLocalDomain(String domain) {
        return domain.toLowerCase(Locale.ROOT).equals(DOMAIN);
      }

      @Override
      public boolean isKnownLocal(Mailbox address) {
        return Set.of("alice", "bob").contains(address.localPart().toLowerCase(Locale.ROOT));
      }
    };
    Authenticator authenticator = (credentials, clientIp) -> {
      if (credentials.user().startsWith(UNAVAILABLE_USER)) {
        return new Authenticator.Result.Unavailable();
      }
      boolean ok = credentials instanceof SaslCredentials.Password p && p.password().equals(PASSWORD);
      return ok ? new Authenticator.Result.Authenticated(address(credentials.user())) : new Authenticator.Result.Rejected();
    };
    SenderPolicy senders = (principal, from) -> from.map(m -> m.toString().equalsIgnoreCase(principal)).orElse(true);
    return new SessionPolicies(recipients, authenticator, senders, limits(new TrafficLimits(10_000, 10_000, Duration.ofMinutes(1), 100)));
  }

  /** The gateway's real limits with the given ceilings. */
  public static SendingLimits limits(TrafficLimits limits) {
    return new TrafficGovernor(limits, Clock.systemUTC());
  }

  private static String address(String user) {
    return user.contains("@") ? user : user + "@" + DOMAIN;
  }
}
