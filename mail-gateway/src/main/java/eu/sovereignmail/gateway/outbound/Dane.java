package eu.sovereignmail.gateway.outbound;

import eu.sovereignmail.gateway.outbound.internal.DaneTrustManager;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE for SMTP (RFC 7672): the TLSA records of {@code _<port>._tcp.<mx host>}, used only when the resolver marked
 * the answer DNSSEC-validated (AD bit; the gateway does not validate DNSSEC itself, so it must ask a validating
 * resolver it trusts over a trusted path, e.g. one on loopback). Usable records (DANE-TA(2), DANE-EE(3)) make TLS
 * mandatory with a certificate matching them; PKIX usages (0, 1) are ignored as RFC 7672 3.1.3 says.
 */
public final class Dane {
  /** What the TLSA lookup means for one MX host. */
  public sealed interface Result {
    /** No validated TLSA records: MTA-STS or opportunistic TLS decides. */
    record None() implements Result {}

    /** Validated records: TLS is required and {@link #trustManager()} checks the certificate. */
    record Required(String host, List<TLSARecord> usable) implements Result {
      public Required {
        usable = List.copyOf(usable);
      }

      /** An empty {@code usable} list still means TLS is mandatory (with any certificate, RFC 7672 2.2). */
      public X509TrustManager trustManager() {
        return new DaneTrustManager(host, usable);
      }
    }

    /** The lookup failed on a host whose zone is signed: the delivery waits rather than downgrade. */
    record TemporaryFailure(String reason) implements Result {}
  }

  private final DnsClient dns;

  public Dane(DnsClient dns) {
    this.dns = dns;
  }

  /** {@code hostSecure}: the MX host's address answer was DNSSEC-validated (only then do TLSA records count). */
  public Result lookup(String host, int port, boolean hostSecure) {
    if (!hostSecure) {
      return new Result.None();
    }
    String name = "_" + port + "._tcp." + host.toLowerCase(Locale.ROOT);
    DnsAnswer answer = dns.query(name, Type.TLSA);
    if (answer.temporary()) {
      return new Result.TemporaryFailure(answer.error());
    }
    if (!answer.found() || !answer.authenticated()) {
      return new Result.None();
    }
    List<TLSARecord> usable = answer.typed(TLSARecord.class).stream()
        .filter(r -> r.getCertificateUsage() == 2 || r.getCertificateUsage() == 3)
        .filter(r -> r.getSelector() == 0 || r.getSelector() == 1)
        .filter(r -> r.getMatchingType() >= 0 && r.getMatchingType() <= 2)
        .toList();
    return new Result.Required(host, usable);
  }
}
