package eu.sovereignmail.gateway.outbound;

import java.util.List;

/** Where mail for one domain goes, as DNS says (RFC 5321 5.1, RFC 7505). */
public sealed interface MxResult {
  /** Hosts to try in order (preference, then random among equals); {@code implicit} when no MX: the domain itself. */
  record Hosts(List<String> hosts, boolean implicit) implements MxResult {
    public Hosts {
      hosts = List.copyOf(hosts);
    }
  }

  /** {@code MX 0 .}: the domain accepts no mail (RFC 7505) — a permanent failure, 556 5.1.10. */
  record NullMx() implements MxResult {}

  /** The domain does not exist, or has neither MX nor address records: a permanent failure, 550 5.1.2. */
  record NoSuchDomain(String reason) implements MxResult {}

  /** DNS could not answer now: the mail waits and is retried. */
  record TemporaryFailure(String reason) implements MxResult {}
}
