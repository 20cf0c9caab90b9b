package eu.sovereignmail.gateway.smtp.session;

import java.util.Objects;

/**
 * The per-listener rules of a session: kind, our host name (greeting, EHLO, Received), and limits. {@code startTls}
 * says whether STARTTLS can be offered (a TLS context is configured).
 */
public record SessionSettings(
    ListenerKind kind, String hostname, long maxMessageSize, int maxRecipients, int maxErrors, boolean startTls) {
  public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L << 20;
  public static final int DEFAULT_MAX_RECIPIENTS = 100;
  public static final int DEFAULT_MAX_ERRORS = 20;

  public SessionSettings {
    Objects.requireNonNull(kind, "kind");
    if (hostname == null || hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("hostname must be a non-empty domain without spaces: " + hostname);
    }
    if (maxMessageSize < 1 || maxRecipients < 1 || maxErrors < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Defaults for {@code kind}; STARTTLS is offered on MX and submission (needs a TLS context at the server). */
  public static SessionSettings defaults(ListenerKind kind, String hostname) {
    return new SessionSettings(
        kind, hostname, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_RECIPIENTS, DEFAULT_MAX_ERRORS, !kind.implicitTls());
  }

  public SessionSettings withMaxMessageSize(long size) {
    return new SessionSettings(kind, hostname, size, maxRecipients, maxErrors, startTls);
  }

  public SessionSettings withMaxRecipients(int count) {
    return new SessionSettings(kind, hostname, maxMessageSize, count, maxErrors, startTls);
  }

  public SessionSettings withMaxErrors(int count) {
    return new SessionSettings(kind, hostname, maxMessageSize, maxRecipients, count, startTls);
  }

  public SessionSettings withStartTls(boolean offered) {
    return new SessionSettings(kind, hostname, maxMessageSize, maxRecipients, maxErrors, offered);
  }
}
