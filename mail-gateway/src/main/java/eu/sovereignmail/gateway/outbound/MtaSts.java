package eu.sovereignmail.gateway.outbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * MTA-STS (RFC 8461) for direct delivery: the {@code _mta-sts} TXT record says whether a policy exists and its id;
 * the policy is fetched when the id is new and kept in memory until {@code max_age}. A fetch or DNS failure keeps
 * the cached policy (the RFC's protection against a downgrade by blocking the fetch).
 */
public final class MtaSts {
  private static final Logger LOG = LoggerFactory.getLogger(MtaSts.class);
  private static final Pattern ID = Pattern.compile("(?:^|;)\\s*id\\s*=\\s*([A-Za-z0-9]{1,32})\\s*(?:;|$)");

  private record Cached(MtaStsPolicy policy, Instant expires) {}

  private final DnsClient dns;
  private final PolicyFetcher fetcher;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public MtaSts(DnsClient dns, PolicyFetcher fetcher, Clock clock) {
    this.dns = dns;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** The policy in force for {@code domain}, if any (mode NONE counts as none). */
  public Optional<MtaStsPolicy> policyFor(String domain) {
    String name = domain.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Cached cached = cache.get(name);
    if (cached != null && cached.expires().isBefore(now)) {
      cache.remove(name);
      cached = null;
    }
    Optional<String> id = recordId(name);
    if (id.isEmpty() || (cached != null && cached.policy().id().equals(id.get()))) {
      return active(cached);
    }
    try {
      Optional<MtaStsPolicy> fetched = MtaStsPolicy.parse(id.get(), fetcher.fetch(name));
      if (fetched.isEmpty()) {
        LOG.warn("event=outbound.mta_sts_invalid domain={} id={}", name, id.get());
        return active(cached);
      }
      MtaStsPolicy policy = fetched.get();
      cache.put(name, new Cached(policy, now.plus(policy.maxAge())));
      LOG.info("event=outbound.mta_sts_policy domain={} id={} mode={} max_age_s={}", name, policy.id(), policy.mode(),
          policy.maxAge().toSeconds());
      return active(new Cached(policy, now));
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=outbound.mta_sts_fetch_failed domain={} reason=\"{}\" cached={}", name, e.getMessage(), cached != null);
      return active(cached);
    }
  }

  private static Optional<MtaStsPolicy> active(Cached cached) {
    return cached == null || cached.policy().mode() == MtaStsPolicy.Mode.NONE ? Optional.empty() : Optional.of(cached.policy());
  }

  /** The id of the single {@code v=STSv1} TXT record at {@code _mta-sts.<domain>}; empty when none (or DNS failed). */
  private Optional<String> recordId(String domain) {
    DnsAnswer answer = dns.query("_mta-sts." + domain, Type.TXT);
    if (!answer.found()) {
      return Optional.empty();
    }
    var records = answer.typed(TXTRecord.class).stream().map(r -> String.join("", r.getStrings()))
        .filter(t -> t.startsWith("v=STSv1")).toList();
    if (records.size() != 1) {
      return Optional.empty();
    }
    Matcher m = ID.matcher(records.getFirst());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
