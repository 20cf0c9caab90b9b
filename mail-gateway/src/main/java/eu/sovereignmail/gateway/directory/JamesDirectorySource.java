package eu.sovereignmail.gateway.directory;

import eu.sovereignmail.stack.james.JamesWebAdmin;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the directory from James WebAdmin in three calls (domains, users, the whole recipient rewrite table), so a
 * refresh costs the same for ten users or ten thousand aliases.
 */
public final class JamesDirectorySource implements DirectorySource {
  private static final Logger LOG = LoggerFactory.getLogger(JamesDirectorySource.class);
  /** James 3.8 prints a domain-alias source as the bare domain; other domain-wide sources carry this user part. */
  private static final String WILDCARD_USER = "*@";

  private final JamesWebAdmin webAdmin;

  public JamesDirectorySource(JamesWebAdmin webAdmin) {
    this.webAdmin = Objects.requireNonNull(webAdmin, "webAdmin");
  }

  @Override
  public DirectorySnapshot load() throws IOException {
    Set<String> domains = Set.copyOf(webAdmin.listDomains());
    Set<String> users = Set.copyOf(webAdmin.listUsers());
    Map<String, String> domainAliases = new HashMap<>();
    Map<String, String> aliases = new HashMap<>();
    Set<String> others = new HashSet<>();
    for (JamesWebAdmin.Mapping mapping : webAdmin.listMappings()) {
      String source = mapping.source();
      boolean domainWide = source.startsWith(WILDCARD_USER) || source.indexOf('@') < 0;
      switch (mapping.type()) {
        case "Alias" -> aliases.putIfAbsent(source, mapping.target());
        case "DomainAlias", "Domain" -> {
          if (domainWide) {
            domainAliases.putIfAbsent(source.substring(source.indexOf('@') + 1), mapping.target());
          }
        }
        case "Group", "Forward", "Address" -> {
          if (!domainWide) {
            others.add(source);
          }
        }
        default -> LOG.debug("event=directory.mapping_ignored type={} source={}", mapping.type(), source);
      }
    }
    return DirectorySnapshot.of(domains, domainAliases, users, aliases, others);
  }
}
