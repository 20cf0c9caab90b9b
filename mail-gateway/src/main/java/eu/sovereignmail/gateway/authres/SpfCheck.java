package eu.sovereignmail.gateway.authres;

import eu.sovereignmail.gateway.authres.internal.JspfDns;
import eu.sovereignmail.gateway.outbound.DnsClient;
import java.util.Locale;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;

/**
 * SPF (RFC 7208) with Apache jSPF on the gateway's resolvers: is the connecting address allowed to send for the
 * MAIL FROM domain (or, for bounces with {@code <>}, for the HELO name)?
 */
public final class SpfCheck {
  private final SPF spf;

  public SpfCheck(DnsClient dns, String hostname) {
    this.spf = new SPF(new JspfDns(dns, hostname));
    this.spf.setUseBestGuess(false);
  }

  public SpfResult check(String clientIp, String mailFrom, String helo) {
    boolean nullSender = mailFrom == null || mailFrom.isEmpty();
    String identity = nullSender ? "postmaster@" + helo : mailFrom;
    String domain = identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    String result;
    try {
      SPFResult answer = spf.checkSPF(clientIp, nullSender ? "" : mailFrom, helo);
      result = answer.getResult() == null ? "temperror" : answer.getResult().toLowerCase(Locale.ROOT);
    } catch (RuntimeException e) {
      result = "temperror";
    }
    if (result.equals("error")) {
      result = "temperror";
    }
    return new SpfResult(result, nullSender ? "smtp.helo" : "smtp.mailfrom", nullSender ? helo : mailFrom, domain);
  }
}
