package eu.sovereignmail.gateway.outbound;

import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.MessageSource;
import eu.sovereignmail.gateway.delivery.PoolSettings;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import eu.sovereignmail.gateway.delivery.RelaySettings;
import eu.sovereignmail.gateway.delivery.SmtpRelayTransport;
import eu.sovereignmail.gateway.delivery.TlsPolicy;
import eu.sovereignmail.gateway.delivery.Transport;
import eu.sovereignmail.gateway.delivery.TrustSource;
import eu.sovereignmail.gateway.outbound.internal.AnyCertificate;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Recipient;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Type;

/**
 * Delivers to other domains' own MX hosts: per recipient domain, MX lookup, then each host in order and each of its
 * addresses until one answers, with the TLS the domain asks for (DANE, else MTA-STS, else opportunistic STARTTLS).
 * The SMTP dialogue is {@link SmtpRelayTransport}'s, one pooled transport per MX host and TLS policy, so connections
 * are reused; a semaphore per domain caps concurrent transactions to it.
 */
public final class DirectTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(DirectTransport.class);
  private static final int MAX_TRANSPORTS = 256;

  /** One pooled hop: an MX host at one address under one TLS policy. */
  private record HopKey(String host, InetAddress address, TlsPolicy tls, String trust) {}

  private final OutboundSettings settings;
  private final MxResolver mx;
  private final DnsClient dns;
  private final Optional<MtaSts> mtaSts;
  private final Optional<Dane> dane;
  private final Map<String, Semaphore> perDomain = new ConcurrentHashMap<>();
  private final Map<HopKey, SmtpRelayTransport> hops = new LinkedHashMap<>(16, 0.75f, true);

  public DirectTransport(OutboundSettings settings, DnsClient dns, Optional<MtaSts> mtaSts) {
    this.settings = settings;
    this.dns = dns;
    this.mx = new MxResolver(dns);
    this.mtaSts = settings.mtaSts() ? mtaSts : Optional.empty();
    this.dane = settings.dane() ? Optional.of(new Dane(dns)) : Optional.empty();
  }

  @Override
  public String name() {
    return "outbound";
  }

  @Override
  public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) {
    Map<String, List<Recipient>> byDomain = new LinkedHashMap<>();
    for (Recipient recipient : transaction.recipients()) {
      byDomain.computeIfAbsent(domain(recipient.address()), d -> new ArrayList<>()).add(recipient);
    }
    Map<String, SmtpReply> replies = new LinkedHashMap<>();
    byDomain.forEach((domain, recipients) -> {
      DeliveryTransaction part = new DeliveryTransaction(transaction.mailFrom(), recipients, transaction.size(),
          transaction.body(), transaction.smtpUtf8(), transaction.ret(), transaction.envid());
      for (RecipientReply reply : toDomain(domain, part, message)) {
        replies.put(reply.recipient(), reply.reply());
      }
    });
    return transaction.recipients().stream().map(r -> new RecipientReply(r.address(), replies.get(r.address()))).toList();
  }

  private List<RecipientReply> toDomain(String domain, DeliveryTransaction tx, MessageSource message) {
    Semaphore slots = perDomain.computeIfAbsent(domain, d -> new Semaphore(settings.maxConnectionsPerDomain()));
    try {
      if (!slots.tryAcquire(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        return all(tx, SmtpReply.of(451, "4.4.5", "Too many concurrent deliveries to " + domain));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return all(tx, SmtpReply.of(451, "4.4.5", "Interrupted waiting for a connection to " + domain));
    }
    try {
      return route(domain, tx, message);
    } finally {
      slots.release();
    }
  }

  private List<RecipientReply> route(String domain, DeliveryTransaction tx, MessageSource message) {
    MxResult result = mx.resolve(domain);
    List<String> hosts;
    switch (result) {
      case MxResult.NullMx n -> {
        return all(tx, SmtpReply.of(556, "5.1.10", "Domain " + domain + " accepts no mail (null MX)"));
      }
      case MxResult.NoSuchDomain n -> {
        return all(tx, SmtpReply.of(550, "5.1.2", "Bad destination domain: " + n.reason()));
      }
      case MxResult.TemporaryFailure t -> {
        return all(tx, SmtpReply.of(451, "4.4.3", "MX lookup failed: " + t.reason()));
      }
      case MxResult.Hosts h -> hosts = h.hosts();
    }
    Optional<MtaStsPolicy> policy = mtaSts.flatMap(m -> m.policyFor(domain));
    boolean enforce = policy.map(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE).orElse(false);
    SmtpReply last = SmtpReply.of(451, "4.4.1", "No MX host of " + domain + " could be reached");
    for (String host : hosts) {
      if (enforce && !policy.get().allows(host)) {
        LOG.warn("event=outbound.mta_sts_mx_mismatch domain={} host={}", domain, host);
        last = SmtpReply.of(451, "4.7.5", "MX " + host + " not allowed by the MTA-STS policy of " + domain);
        continue;
      }
      DnsAnswer v4 = dns.query(host, Type.A);
      DnsAnswer v6 = dns.query(host, Type.AAAA);
      List<InetAddress> addresses = new ArrayList<>();
      v4.typed(ARecord.class).forEach(a -> addresses.add(a.getAddress()));
      v6.typed(AAAARecord.class).forEach(a -> addresses.add(a.getAddress()));
      if (addresses.isEmpty()) {
        last = SmtpReply.of(451, "4.4.4", "MX " + host + " has no address" + (v4.temporary() ? ": " + v4.error() : ""));
        continue;
      }
      Dane.Result tlsa = dane.map(d -> d.lookup(host, settings.remotePort(), v4.authenticated() || v6.authenticated()))
          .orElse(new Dane.Result.None());
      if (tlsa instanceof Dane.Result.TemporaryFailure failure) {
        last = SmtpReply.of(451, "4.7.5", "TLSA lookup for " + host + " failed: " + failure.reason());
        continue;
      }
      for (InetAddress address : addresses) {
        SmtpRelayTransport hop = hop(host, address, tlsa, enforce);
        try {
          List<RecipientReply> replies = hop.deliver(tx, message);
          if (!sessionRefusal(replies)) {
            return replies;
          }
          last = replies.getFirst().reply();
          LOG.info("event=outbound.host_refused domain={} host={} address={} reply=\"{}\"", domain, host,
              address.getHostAddress(), last);
        } catch (IOException e) {
          last = SmtpReply.of(451, "4.4.1", "MX " + host + " [" + address.getHostAddress() + "] unreachable: " + e.getMessage());
          LOG.info("event=outbound.host_unreachable domain={} host={} address={} reason=\"{}\"", domain, host,
              address.getHostAddress(), e.getMessage());
        }
      }
    }
    return all(tx, last);
  }

  /** The same temporary reply for everyone: the host refused the session (TLS, 421), so the next MX may do better. */
  private static boolean sessionRefusal(List<RecipientReply> replies) {
    SmtpReply first = replies.getFirst().reply();
    return first.code() >= 400 && first.code() < 500 && replies.stream().allMatch(r -> r.reply().equals(first));
  }

  private synchronized SmtpRelayTransport hop(String host, InetAddress address, Dane.Result tlsa, boolean stsEnforce) {
    TlsPolicy tls;
    TrustSource trust;
    boolean verifyName;
    if (tlsa instanceof Dane.Result.Required required) {
      tls = TlsPolicy.REQUIRED;
      trust = new TrustSource.Manager("dane " + host, required.trustManager());
      verifyName = false;
    } else if (stsEnforce) {
      tls = TlsPolicy.REQUIRED;
      trust = TrustSource.jvmDefault();
      verifyName = true;
    } else {
      tls = TlsPolicy.OPPORTUNISTIC;
      trust = new TrustSource.Manager("opportunistic", AnyCertificate.INSTANCE);
      verifyName = false;
    }
    HopKey key = new HopKey(host, address, tls, trust.toString() + (tlsa instanceof Dane.Result.Required r ? r.usable() : ""));
    SmtpRelayTransport existing = hops.get(key);
    if (existing != null) {
      return existing;
    }
    RelaySettings relay = RelaySettings.defaults("outbound", host, settings.remotePort(), settings.heloName())
        .withTls(tls, trust, verifyName)
        .withTimeouts(settings.connectTimeout(), settings.readTimeout())
        .withPool(new PoolSettings(settings.maxIdlePerHost(), PoolSettings.defaults().idleTimeout()))
        .withAddress(address);
    SmtpRelayTransport created = new SmtpRelayTransport(relay);
    hops.put(key, created);
    if (hops.size() > MAX_TRANSPORTS) {
      var eldest = hops.entrySet().iterator().next();
      hops.remove(eldest.getKey());
      eldest.getValue().close();
    }
    return created;
  }

  private static List<RecipientReply> all(DeliveryTransaction tx, SmtpReply reply) {
    return tx.addresses().stream().map(a -> new RecipientReply(a, reply)).toList();
  }

  static String domain(String address) {
    int at = address.lastIndexOf('@');
    return (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void close() {
    hops.values().forEach(SmtpRelayTransport::close);
    hops.clear();
  }
}
