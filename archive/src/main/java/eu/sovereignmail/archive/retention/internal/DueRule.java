package eu.sovereignmail.archive.retention.internal;

import eu.sovereignmail.archive.retention.RetentionPolicy;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, without any I/O, whether one archived message is due for purging under a set of policies.
 * Each participant address (sender, header and envelope recipients) is governed by its mailbox policy, or
 * else its domain's, or else by none; a message is due only when at least one policy governs it and every
 * governing policy has run out, so the longest retention always wins and unmanaged addresses never shorten it.
 */
public final class DueRule {
  private final Map<String, RetentionPolicy> byMailbox = new HashMap<>();
  private final Map<String, RetentionPolicy> byDomain = new HashMap<>();

  public DueRule(Collection<RetentionPolicy> policies) {
    for (RetentionPolicy policy : policies) {
      (policy.scope() == RetentionPolicy.Scope.MAILBOX ? byMailbox : byDomain).put(policy.target(), policy);
    }
  }

  /** The policy that governs {@code address}: its mailbox policy, else its domain's. */
  public Optional<RetentionPolicy> policyFor(String address) {
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    String lower = address.strip().toLowerCase(Locale.ROOT);
    RetentionPolicy mailbox = byMailbox.get(lower);
    if (mailbox != null) {
      return Optional.of(mailbox);
    }
    int at = lower.lastIndexOf('@');
    return at < 0 ? Optional.empty() : Optional.ofNullable(byDomain.get(lower.substring(at + 1)));
  }

  /** Every policy that governs at least one of {@code participants}. */
  public Set<RetentionPolicy> governing(Collection<String> participants) {
    Set<RetentionPolicy> found = new LinkedHashSet<>();
    participants.forEach(address -> policyFor(address).ifPresent(found::add));
    return found;
  }

  /** Whether a message with {@code participants}, first received at {@code receivedAt}, may be purged at {@code now}. */
  public boolean due(Collection<String> participants, Instant receivedAt, Instant now) {
    Set<RetentionPolicy> governing = governing(participants);
    return !governing.isEmpty() && governing.stream().allMatch(p -> receivedAt.isBefore(cutoff(p.keep(), now)));
  }

  /** The instant before which a message kept for {@code keep} has run out at {@code now} (calendar arithmetic in UTC). */
  public static Instant cutoff(Period keep, Instant now) {
    return now.atZone(ZoneOffset.UTC).minus(keep).toInstant();
  }
}
