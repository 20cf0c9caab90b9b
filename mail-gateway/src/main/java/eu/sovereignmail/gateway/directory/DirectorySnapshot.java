package eu.sovereignmail.gateway.directory;

import eu.sovereignmail.gateway.directory.internal.Addresses;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One immutable picture of the local addresses (domains, users, aliases, other delivered addresses), every name in
 * the directory's spelling (lower-case), so lookups need no lock and a refresh is one reference swap.
 */
public final class DirectorySnapshot {
  /** Aliases of aliases are followed this deep (James refuses loops; this only bounds a bad table). */
  private static final int MAX_ALIAS_HOPS = 10;

  private final Set<String> domains;
  private final Map<String, String> domainAliases;
  private final Set<String> users;
  private final Map<String, String> aliases;
  private final Set<String> otherRecipients;
  private final Map<String, Set<String>> addressesByUser;

  private DirectorySnapshot(Set<String> domains, Map<String, String> domainAliases, Set<String> users,
      Map<String, String> aliases, Set<String> otherRecipients) {
    this.domains = domains.stream().map(Addresses::domain).collect(Collectors.toUnmodifiableSet());
    this.domainAliases = domainAliases.entrySet().stream().collect(Collectors.toUnmodifiableMap(
        e -> Addresses.domain(e.getKey()), e -> Addresses.domain(e.getValue()), (a, b) -> a));
    this.users = users.stream().map(Addresses::normalize).collect(Collectors.toUnmodifiableSet());
    this.aliases = aliases.entrySet().stream().collect(Collectors.toUnmodifiableMap(
        e -> Addresses.normalize(e.getKey()), e -> Addresses.normalize(e.getValue()), (a, b) -> a));
    this.otherRecipients = otherRecipients.stream().map(Addresses::normalize).collect(Collectors.toUnmodifiableSet());
    this.addressesByUser = indexAddresses();
  }

  /**
   * @param domains the domains served
   * @param domainAliases alias domain → served domain (mail to {@code x@alias} goes to {@code x@domain})
   * @param users the users (mailbox owners), as full addresses
   * @param aliases alias address → the address it delivers to (normally a user)
   * @param otherRecipients addresses that receive mail but that nobody may send as (groups, forwards)
   */
  public static DirectorySnapshot of(Set<String> domains, Map<String, String> domainAliases, Set<String> users,
      Map<String, String> aliases, Set<String> otherRecipients) {
    return new DirectorySnapshot(Objects.requireNonNull(domains, "domains"),
        Objects.requireNonNull(domainAliases, "domainAliases"), Objects.requireNonNull(users, "users"),
        Objects.requireNonNull(aliases, "aliases"), Objects.requireNonNull(otherRecipients, "otherRecipients"));
  }

  public static DirectorySnapshot empty() {
    return of(Set.of(), Map.of(), Set.of(), Map.of(), Set.of());
  }

  public boolean isLocalDomain(String domain) {
    String normalized = Addresses.domain(domain);
    return domains.contains(normalized) || domainAliases.containsKey(normalized);
  }

  /** True when mail to {@code address} (any spelling) is delivered: a user, alias, group or forward. */
  public boolean isKnown(String address) {
    for (String candidate : spellings(Addresses.normalize(address))) {
      if (users.contains(candidate) || aliases.containsKey(candidate) || otherRecipients.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** The user whose mailbox {@code address} (the user's own address or an alias of it) delivers to. */
  public Optional<String> ownerOf(String address) {
    for (String candidate : spellings(Addresses.normalize(address))) {
      String current = candidate;
      for (int hop = 0; hop <= MAX_ALIAS_HOPS && current != null; hop++) {
        if (users.contains(current)) {
          return Optional.of(current);
        }
        current = aliases.get(current);
      }
    }
    return Optional.empty();
  }

  /** The user's own address and every alias (also in alias domains) that delivers to it; empty for an unknown user. */
  public Set<String> addressesOf(String user) {
    return addressesByUser.getOrDefault(Addresses.normalize(user), Set.of());
  }

  public Set<String> domains() {
    return domains;
  }

  public Map<String, String> domainAliases() {
    return domainAliases;
  }

  public Set<String> users() {
    return users;
  }

  public Map<String, String> aliases() {
    return aliases;
  }

  public Set<String> otherRecipients() {
    return otherRecipients;
  }

  /** The address as given and, when its domain is an alias domain, the same local part in the served domain. */
  private Set<String> spellings(String address) {
    String target = domainAliases.get(Addresses.domainOf(address));
    return target == null ? Set.of(address) : Set.of(address, Addresses.localPartOf(address) + "@" + target);
  }

  private Map<String, Set<String>> indexAddresses() {
    Map<String, Set<String>> byUser = new HashMap<>();
    for (String user : users) {
      byUser.computeIfAbsent(user, u -> new HashSet<>()).add(user);
    }
    for (String alias : aliases.keySet()) {
      ownerOf(alias).ifPresent(user -> byUser.get(user).add(alias));
    }
    for (Set<String> addresses : byUser.values()) {
      for (String address : Set.copyOf(addresses)) {
        domainAliases.forEach((aliasDomain, domain) -> {
          if (domain.equals(Addresses.domainOf(address))) {
            addresses.add(Addresses.localPartOf(address) + "@" + aliasDomain);
          }
        });
      }
    }
    return byUser.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DirectorySnapshot that && domains.equals(that.domains)
        && domainAliases.equals(that.domainAliases) && users.equals(that.users) && aliases.equals(that.aliases)
        && otherRecipients.equals(that.otherRecipients);
  }

  @Override
  public int hashCode() {
    return Objects.hash(domains, domainAliases, users, aliases, otherRecipients);
  }

  @Override
  public String toString() {
    return "DirectorySnapshot[domains=" + domains.size() + ", domainAliases=" + domainAliases.size() + ", users="
        + users.size() + ", aliases=" + aliases.size() + ", otherRecipients=" + otherRecipients.size() + "]";
  }
}
