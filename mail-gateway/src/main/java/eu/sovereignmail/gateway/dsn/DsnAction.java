package eu.sovereignmail.gateway.dsn;

import eu.sovereignmail.gateway.smtp.DsnNotify;

/**
 * What a DSN reports about its recipients (RFC 3464 2.3.3 Action): a permanent failure or a delay. Each kind carries
 * the NOTIFY condition that asks for it, its subject and the status used when no reply says more.
 */
public enum DsnAction {
  /** Given up on for good: a 5xx reply, or retries ran out. */
  FAILED("failed", DsnNotify.FAILURE, "Undelivered Mail Returned to Sender", "5.0.0"),
  /** Not delivered yet, still being retried. */
  DELAYED("delayed", DsnNotify.DELAY, "Delayed Mail (still being retried)", "4.0.0");

  private final String keyword;
  private final DsnNotify condition;
  private final String subject;
  private final String defaultStatus;

  DsnAction(String keyword, DsnNotify condition, String subject, String defaultStatus) {
    this.keyword = keyword;
    this.condition = condition;
    this.subject = subject;
    this.defaultStatus = defaultStatus;
  }

  /** The value of the Action field. */
  public String keyword() {
    return keyword;
  }

  /** The NOTIFY condition a recipient must have asked for (when it gave NOTIFY at all). */
  public DsnNotify condition() {
    return condition;
  }

  public String subject() {
    return subject;
  }

  /** The Status when neither a reply nor anything else tells more (RFC 3463 X.0.0). */
  public String defaultStatus() {
    return defaultStatus;
  }
}
