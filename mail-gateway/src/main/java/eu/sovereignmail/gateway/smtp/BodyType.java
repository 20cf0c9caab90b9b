package eu.sovereignmail.gateway.smtp;

/** The BODY parameter of MAIL FROM (RFC 6152); BINARYMIME is not offered, so it is not here. */
public enum BodyType {
  SEVEN_BIT("7BIT"), EIGHT_BIT_MIME("8BITMIME");

  private final String keyword;

  BodyType(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
