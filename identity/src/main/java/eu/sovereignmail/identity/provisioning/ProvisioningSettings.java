package eu.sovereignmail.identity.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How provisioning runs: which mail domains it owns, how often the full reconcile and the admin-events poller run,
 * the deletion policy, and the file that keeps its position and what it provisioned across restarts.
 *
 * @param managedDomains the mail domains whose users, aliases and lists provisioning creates (others are ignored)
 * @param reconcileInterval time between full reconciles (default 1 h)
 * @param pollInterval time between admin-events polls (default 5 s)
 * @param deletionPolicy what a Keycloak delete does to the mailbox (default {@link DeletionPolicy#KEEP})
 * @param stateFile where the poller's position and the provisioned objects are kept
 */
public record ProvisioningSettings(Set<String> managedDomains, Duration reconcileInterval, Duration pollInterval,
    DeletionPolicy deletionPolicy, Path stateFile) {

  public ProvisioningSettings {
    Objects.requireNonNull(managedDomains, "provisioning.managed-domains");
    TreeSet<String> domains = new TreeSet<>();
    for (String domain : managedDomains) {
      String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
      if (d.isEmpty() || d.contains("@") || d.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("provisioning.managed-domains: not a domain: '" + domain + "'");
      }
      domains.add(d);
    }
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("provisioning.managed-domains must name at least one domain");
    }
    managedDomains = Set.copyOf(domains);
    reconcileInterval = positive("provisioning.reconcile-interval", reconcileInterval, Duration.ofHours(1));
    pollInterval = positive("provisioning.poll-interval", pollInterval, Duration.ofSeconds(5));
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.KEEP : deletionPolicy;
    Objects.requireNonNull(stateFile, "provisioning state file");
  }

  /** The defaults for {@code managedDomains}, keeping state in {@code stateFile}. */
  public static ProvisioningSettings defaults(Set<String> managedDomains, Path stateFile) {
    return new ProvisioningSettings(managedDomains, null, null, null, stateFile);
  }

  public boolean manages(String address) {
    return managedDomains.contains(Addresses.domain(address));
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
    }
    return value;
  }
}
