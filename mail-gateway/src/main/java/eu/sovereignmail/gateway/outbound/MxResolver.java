package eu.sovereignmail.gateway.outbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * Finds the hosts that take mail for a domain: MX records by preference (shuffled among equal preferences), the
 * domain itself when it has no MX but an A/AAAA record (implicit MX), nothing at all for a null MX (RFC 7505).
 */
public final class MxResolver {
  private final DnsClient dns;

  public MxResolver(DnsClient dns) {
    this.dns = dns;
  }

  public MxResult resolve(String domain) {
    String name = domain.toLowerCase(Locale.ROOT);
    DnsAnswer mx = dns.query(name, Type.MX);
    return switch (mx.status()) {
      case TEMPORARY_FAILURE -> new MxResult.TemporaryFailure(mx.error());
      case NO_SUCH_NAME -> new MxResult.NoSuchDomain("no such domain: " + name);
      case NO_DATA -> implicit(name);
      case FOUND -> explicit(mx.typed(MXRecord.class));
    };
  }

  private static MxResult explicit(List<MXRecord> records) {
    if (records.size() == 1 && records.getFirst().getTarget().labels() == 1) {
      return new MxResult.NullMx();
    }
    Map<Integer, List<String>> byPreference = new LinkedHashMap<>();
    records.stream().filter(r -> r.getTarget().labels() > 1)
        .sorted(Comparator.comparingInt(MXRecord::getPriority))
        .forEach(r -> byPreference.computeIfAbsent(r.getPriority(), p -> new ArrayList<>()).add(host(r)));
    List<String> hosts = new ArrayList<>();
    byPreference.values().forEach(group -> {
      Collections.shuffle(group, ThreadLocalRandom.current());
      group.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
    });
    return new MxResult.Hosts(hosts, false);
  }

  private MxResult implicit(String domain) {
    DnsAnswer a = dns.query(domain, Type.A);
    DnsAnswer aaaa = dns.query(domain, Type.AAAA);
    if (a.found() || aaaa.found()) {
      return new MxResult.Hosts(List.of(domain), true);
    }
    if (a.temporary() || aaaa.temporary()) {
      return new MxResult.TemporaryFailure(a.temporary() ? a.error() : aaaa.error());
    }
    return new MxResult.NoSuchDomain("no MX and no address record for " + domain);
  }

  private static String host(MXRecord record) {
    String target = record.getTarget().toString(true);
    return target.toLowerCase(Locale.ROOT);
  }
}
