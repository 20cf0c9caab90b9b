package eu.sovereignmail.gateway.authres;

/**
 * The verdict on one DKIM-Signature (RFC 6376, RFC 8601 2.7.1): pass, fail, neutral, temperror, permerror or
 * none (no signature: {@code domain} null); {@code domain} is d=, {@code selector} s=, {@code b} the first 8
 * characters of b= (to tell signatures apart in Authentication-Results).
 */
public record DkimResult(String result, String domain, String selector, String b, String reason) {
  public static DkimResult none() {
    return new DkimResult("none", null, null, null, null);
  }

  public boolean pass() {
    return result.equals("pass");
  }
}
