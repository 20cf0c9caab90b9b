package eu.sovereignmail.gateway.authres;

/**
 * The SPF verdict (RFC 7208) for one message: {@code result} is pass, fail, softfail, neutral, none, temperror or
 * permerror; {@code domain} the domain checked (the MAIL FROM's, or the HELO name's for the null sender).
 */
public record SpfResult(String result, String property, String identity, String domain) {
  public boolean pass() {
    return result.equals("pass");
  }
}
