package eu.sovereignmail.gateway.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The gateway's one DNS client (MX, TXT for SPF/DKIM/DMARC/MTA-STS, TLSA), on the configured resolvers (dnsjava).
 * It asks with EDNS0 and the DO and AD bits so a validating resolver reports DNSSEC-validated answers; it validates
 * nothing itself. Timeouts and SERVFAIL are {@link DnsAnswer.Status#TEMPORARY_FAILURE}, never "no record". There is
 * no cache of its own: the recursive resolver caches.
 */
public final class DnsClient {
  private static final Logger LOG = LoggerFactory.getLogger(DnsClient.class);
  private static final int MAX_CNAME_HOPS = 8;

  private final Resolver resolver;

  /** {@code servers}: {@code host}, {@code host:port} or {@code [v6]:port}; empty means the system's resolvers. */
  public DnsClient(List<String> servers, Duration timeout) {
    List<Resolver> resolvers = new ArrayList<>();
    List<InetSocketAddress> addresses = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers()
        : servers.stream().map(DnsClient::address).toList();
    for (InetSocketAddress address : addresses) {
      SimpleResolver simple = new SimpleResolver(address);
      simple.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
      simple.setTimeout(timeout);
      resolvers.add(simple);
    }
    if (resolvers.isEmpty()) {
      throw new IllegalArgumentException("dns.servers: no resolver configured and none found on this system");
    }
    ExtendedResolver extended = new ExtendedResolver(resolvers);
    extended.setTimeout(timeout);
    extended.setRetries(1);
    this.resolver = extended;
  }

  /** Looks up {@code name}'s records of {@code type} (a {@link Type} constant), following CNAMEs in the answer. */
  public DnsAnswer query(String name, int type) {
    Name qname;
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      return new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), false, "bad name: " + e.getMessage());
    }
    Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    query.getHeader().setFlag(Flags.AD);
    Message response;
    try {
      response = resolver.send(query);
    } catch (IOException | RuntimeException e) {
      LOG.debug("event=dns.failed name={} type={} reason=\"{}\"", name, Type.string(type), e.toString());
      return DnsAnswer.temporaryFailure("DNS " + Type.string(type) + " " + name + ": " + e.getMessage());
    }
    int rcode = response.getRcode();
    boolean ad = response.getHeader().getFlag(Flags.AD);
    if (rcode == Rcode.NXDOMAIN) {
      return new DnsAnswer(DnsAnswer.Status.NO_SUCH_NAME, List.of(), ad, null);
    }
    if (rcode != Rcode.NOERROR) {
      return DnsAnswer.temporaryFailure("DNS " + Type.string(type) + " " + name + ": " + Rcode.string(rcode));
    }
    List<Record> matching = matching(response.getSection(Section.ANSWER), qname, type);
    return matching.isEmpty() ? new DnsAnswer(DnsAnswer.Status.NO_DATA, List.of(), ad, null)
        : new DnsAnswer(DnsAnswer.Status.FOUND, matching, ad, null);
  }

  /** The answer's records of {@code type} owned by {@code qname} or by the end of its CNAME chain. */
  private static List<Record> matching(List<Record> answer, Name qname, int type) {
    Name owner = qname;
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      Name current = owner;
      List<Record> found = answer.stream().filter(r -> r.getType() == type && r.getName().equals(current)).toList();
      if (!found.isEmpty() || type == Type.CNAME) {
        return found;
      }
      Name next = answer.stream().filter(r -> r.getType() == Type.CNAME && r.getName().equals(current))
          .map(r -> ((org.xbill.DNS.CNAMERecord) r).getTarget()).findFirst().orElse(null);
      if (next == null) {
        return List.of();
      }
      owner = next;
    }
    return List.of();
  }

  static InetSocketAddress address(String server) {
    String host = server;
    int port = 53;
    if (server.startsWith("[")) {
      int end = server.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("dns.servers: bad address " + server);
      }
      host = server.substring(1, end);
      if (server.length() > end + 1) {
        port = port(server, server.substring(end + 1));
      }
    } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') > 0) {
      host = server.substring(0, server.indexOf(':'));
      port = port(server, server.substring(server.indexOf(':')));
    }
    return new InetSocketAddress(host.toLowerCase(Locale.ROOT), port);
  }

  private static int port(String server, String suffix) {
    try {
      int port = Integer.parseInt(suffix.substring(1));
      if (!suffix.startsWith(":") || port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("dns.servers: bad port in " + server);
    }
  }
}
