package eu.sovereignmail.gateway.limits;

import eu.sovereignmail.gateway.smtp.session.SendingLimits;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** The gateway's {@link SendingLimits}: token buckets per client address and per user, and a session count per user. */
public final class TrafficGovernor implements SendingLimits {
  private final RateLimiter perIp;
  private final RateLimiter perUser;
  private final ConcurrencyLimiter sessions;

  public TrafficGovernor(TrafficLimits limits, Clock clock) {
    this.perIp = new RateLimiter(limits.messagesPerIp(), limits.period(), clock);
    this.perUser = new RateLimiter(limits.messagesPerUser(), limits.period(), clock);
    this.sessions = new ConcurrencyLimiter(limits.sessionsPerUser());
  }

  /**
   * An authenticated message counts against its user only: staff behind one NAT address share an IP, and their
   * logins already say who sends. Unauthenticated (MX) messages count against the address.
   */
  @Override
  public boolean mayStartMessage(String clientIp, Optional<String> user) {
    return user.map(u -> perUser.tryAcquire(key(u))).orElseGet(() -> perIp.tryAcquire(clientIp));
  }

  @Override
  public Optional<AutoCloseable> openSession(String user) {
    return sessions.tryAcquire(key(user)).map(permit -> permit);
  }

  private static String key(String user) {
    return user.toLowerCase(Locale.ROOT);
  }
}
