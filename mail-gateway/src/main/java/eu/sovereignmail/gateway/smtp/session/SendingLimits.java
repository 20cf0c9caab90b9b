package eu.sovereignmail.gateway.smtp.session;

import java.util.Optional;

/**
 * The rate and session ceilings a session asks about, so a flooding host or a compromised account is slowed with
 * 4xx answers (RFC 5321 lets the client retry) instead of filling the spool.
 */
public interface SendingLimits {

  /** Whether {@code clientIp} (and {@code user}, when authenticated) may start one more message now; takes the slot. */
  boolean mayStartMessage(String clientIp, Optional<String> user);

  /** A slot for one more authenticated session of {@code user}, closed when the session ends; empty when full. */
  Optional<AutoCloseable> openSession(String user);
}
