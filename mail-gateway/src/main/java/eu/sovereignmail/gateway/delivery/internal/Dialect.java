package eu.sovereignmail.gateway.delivery.internal;

/** What differs between the LMTP and SMTP client dialogues once a session is set up: the hello verb and the DATA replies. */
public enum Dialect {
  /** RFC 2033: LHLO, and after the final dot one reply per accepted recipient. */
  LMTP("LHLO", true),
  /** RFC 5321: EHLO, and after the final dot one reply for the whole transaction. */
  SMTP("EHLO", false);

  private final String helloVerb;
  private final boolean replyPerRecipient;

  Dialect(String helloVerb, boolean replyPerRecipient) {
    this.helloVerb = helloVerb;
    this.replyPerRecipient = replyPerRecipient;
  }

  public String helloVerb() {
    return helloVerb;
  }

  /** True when the server answers the message once per accepted recipient (LMTP). */
  public boolean replyPerRecipient() {
    return replyPerRecipient;
  }
}
