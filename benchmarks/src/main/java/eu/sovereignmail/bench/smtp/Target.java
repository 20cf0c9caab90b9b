package eu.sovereignmail.bench.smtp;

import java.util.Locale;

/** The SMTP servers the benchmark puts side by side, in the order each round visits them. */
public enum Target {
  GATEWAY("Sovereign Mail gateway"),
  JAMES("James 3.8.1 direct"),
  POSTFIX("Postfix");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The name used on the command line and in recipient addresses. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when what this server accepts ends up in James, so the end-to-end rate can be measured. */
  public boolean deliversToJames() {
    return this != POSTFIX;
  }

  /** The bench address that receives this server's messages of {@code round}: one INBOX per server and round. */
  public String recipient(String round, String domain) {
    return key() + "-" + round + "@" + domain;
  }
}
