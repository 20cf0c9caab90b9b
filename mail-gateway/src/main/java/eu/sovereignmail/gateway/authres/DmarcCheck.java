package eu.sovereignmail.gateway.authres;

import eu.sovereignmail.gateway.outbound.DnsAnswer;
import eu.sovereignmail.gateway.outbound.DnsClient;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489): the From: domain's policy record ({@code _dmarc.<domain>}, else the organizational domain's),
 * and whether an SPF pass or a DKIM pass is aligned with the From: domain (relaxed: same organizational domain;
 * strict: the same name). The organizational domain is the last two labels: no public suffix list is consulted,
 * which errs for domains under multi-label suffixes such as {@code co.uk} (they are treated as their own
 * organization). {@code pct} is not applied (every failing message gets the policy).
 */
public final class DmarcCheck {
  private final DnsClient dns;

  public DmarcCheck(DnsClient dns) {
    this.dns = dns;
  }

  public DmarcResult evaluate(String fromDomain, SpfResult spf, List<DkimResult> dkim) {
    if (fromDomain == null) {
      return new DmarcResult("none", "none", null);
    }
    String domain = fromDomain.toLowerCase(Locale.ROOT);
    String organization = organizational(domain);
    Lookup lookup = record(domain);
    boolean subdomainPolicy = false;
    if (lookup.tags().isEmpty() && !lookup.temporary() && !organization.equals(domain)) {
      lookup = record(organization);
      subdomainPolicy = true;
    }
    if (lookup.temporary()) {
      return new DmarcResult("temperror", "none", domain);
    }
    if (lookup.tags().isEmpty()) {
      return new DmarcResult("none", "none", domain);
    }
    Map<String, String> tags = lookup.tags().get();
    String p = tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
    if (!List.of("none", "quarantine", "reject").contains(p)) {
      return new DmarcResult("permerror", "none", domain);
    }
    String policy = subdomainPolicy ? tags.getOrDefault("sp", p).toLowerCase(Locale.ROOT) : p;
    boolean strictSpf = "s".equalsIgnoreCase(tags.get("aspf"));
    boolean strictDkim = "s".equalsIgnoreCase(tags.get("adkim"));
    boolean spfAligned = spf.pass() && aligned(spf.domain(), domain, strictSpf);
    boolean dkimAligned = dkim.stream().anyMatch(d -> d.pass() && d.domain() != null && aligned(d.domain(), domain, strictDkim));
    if (spfAligned || dkimAligned) {
      return new DmarcResult("pass", policy, domain);
    }
    boolean temporary = spf.result().equals("temperror") || dkim.stream().anyMatch(d -> d.result().equals("temperror"));
    return new DmarcResult(temporary ? "temperror" : "fail", policy, domain);
  }

  static boolean aligned(String authenticated, String from, boolean strict) {
    String a = authenticated.toLowerCase(Locale.ROOT);
    return strict ? a.equals(from) : organizational(a).equals(organizational(from));
  }

  static String organizational(String domain) {
    String[] labels = domain.split("\\.");
    return labels.length <= 2 ? domain : labels[labels.length - 2] + "." + labels[labels.length - 1];
  }

  /** The tags of the one {@code v=DMARC1} record at {@code _dmarc.<domain>}; empty when there is none (or several). */
  private record Lookup(Optional<Map<String, String>> tags, boolean temporary) {}

  private Lookup record(String domain) {
    DnsAnswer answer = dns.query("_dmarc." + domain, Type.TXT);
    if (answer.temporary()) {
      return new Lookup(Optional.empty(), true);
    }
    List<String> records = answer.typed(TXTRecord.class).stream().map(r -> String.join("", r.getStrings()))
        .filter(t -> t.replace(" ", "").startsWith("v=DMARC1")).toList();
    if (records.size() != 1) {
      return new Lookup(Optional.empty(), false);
    }
    Map<String, String> tags = new HashMap<>();
    for (String part : records.getFirst().split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        tags.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    return new Lookup(Optional.of(tags), false);
  }
}
