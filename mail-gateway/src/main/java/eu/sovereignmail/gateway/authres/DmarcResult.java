package eu.sovereignmail.gateway.authres;

/**
 * The DMARC verdict (RFC 7489) for one message: {@code result} pass, fail, none, temperror or permerror;
 * {@code policy} the policy that applies to the From: domain (none, quarantine, reject; {@code sp=} for a
 * subdomain), {@code domain} the From: domain.
 */
public record DmarcResult(String result, String policy, String domain) {
  public boolean failed() {
    return result.equals("fail");
  }
}
