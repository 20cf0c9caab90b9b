package eu.sovereignmail.gateway.smtp;

/**
 * A mailbox from an SMTP path (RFC 5321 4.1.2): local part as written (quoted if it was quoted) and domain
 * or address literal; the domain is null only for the special recipient {@code <Postmaster>}.
 */
public record Mailbox(String localPart, String domain) {
  public Mailbox {
    if (localPart == null || localPart.isEmpty()) {
      throw new IllegalArgumentException("empty local part");
    }
  }

  public boolean isPostmaster() {
    return domain == null || localPart.equalsIgnoreCase("postmaster");
  }

  /** True when any character is beyond ASCII, i.e. the address needs SMTPUTF8 to be relayed. */
  public boolean needsSmtpUtf8() {
    return !toString().chars().allMatch(c -> c < 0x80);
  }

  @Override
  public String toString() {
    return domain == null ? localPart : localPart + "@" + domain;
  }
}
