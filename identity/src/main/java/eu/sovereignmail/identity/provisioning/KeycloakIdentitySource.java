package eu.sovereignmail.identity.provisioning;

import eu.sovereignmail.identity.provisioning.internal.AdminEventNotices;
import eu.sovereignmail.identity.provisioning.internal.QuotaText;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads users, mail groups and admin events from the realm through Keycloak's admin client, as the gateway's
 * confidential client ({@code sovereign-gateway}) with its service account (client-credentials grant; realm-management
 * roles view-users, query-users, query-groups, view-events). Thread-safe.
 */
public final class KeycloakIdentitySource implements IdentitySource, AutoCloseable {
  /** User attribute: the user's further addresses (multi-valued). */
  public static final String ALIASES = "mailAliases";
  /** User attribute: the mailbox quota ({@code 5368709120}, {@code 500M}, {@code 5G}). */
  public static final String QUOTA = "mailQuota";
  /** Group attribute: the address of the distribution list the group is. */
  public static final String MAIL_LIST = "mailList";
  /** Group attribute: the address of the shared team mailbox the group's members open. */
  public static final String SHARED_MAILBOX = "sharedMailbox";

  private static final Logger LOG = LoggerFactory.getLogger(KeycloakIdentitySource.class);
  private static final int PAGE = 100;

  private final String realmName;
  private final Client http;
  private final Keycloak keycloak;

  /**
   * @param issuer the realm's issuer, {@code <keycloak>/realms/<realm>}
   * @param clientId the confidential client whose service account reads the realm
   * @param clientSecret its secret
   */
  public KeycloakIdentitySource(URI issuer, String clientId, String clientSecret) {
    String text = Objects.requireNonNull(issuer, "issuer").toString().replaceAll("/+$", "");
    int at = text.lastIndexOf("/realms/");
    if (at < 0) {
      throw new IllegalArgumentException("not a Keycloak realm issuer (…/realms/<name>): " + issuer);
    }
    this.realmName = text.substring(at + "/realms/".length());
    this.http = ClientBuilder.newBuilder()
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .register(JacksonProvider.class)
        .build();
    this.keycloak = KeycloakBuilder.builder()
        .serverUrl(text.substring(0, at))
        .realm(realmName)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(Objects.requireNonNull(clientId, "clientId"))
        .clientSecret(Objects.requireNonNull(clientSecret, "clientSecret"))
        .resteasyClient(http)
        .build();
  }

  @Override
  public List<MailUser> users() throws IOException {
    return call("list users", () -> {
      List<MailUser> users = new ArrayList<>();
      for (int first = 0; ; first += PAGE) {
        List<UserRepresentation> page = realm().users().list(first, PAGE);
        page.forEach(rep -> mailUser(rep).ifPresent(users::add));
        if (page.size() < PAGE) {
          return users;
        }
      }
    });
  }

  @Override
  public Optional<MailUser> user(String id) throws IOException {
    return call("read user " + id, () -> {
      try {
        return mailUser(realm().users().get(id).toRepresentation());
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public List<MailGroup> groups() throws IOException {
    return call("list groups", () -> {
      List<MailGroup> groups = new ArrayList<>();
      for (int first = 0; ; first += PAGE) {
        List<GroupRepresentation> page = realm().groups().groups(null, first, PAGE, false);
        for (GroupRepresentation group : page) {
          collect(group, groups);
        }
        if (page.size() < PAGE) {
          return groups;
        }
      }
    });
  }

  @Override
  public Optional<MailGroup> group(String id) throws IOException {
    return call("read group " + id, () -> {
      try {
        return mailGroup(realm().groups().group(id).toRepresentation());
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public List<AdminChange> adminChanges(long fromMillis, int max) throws IOException {
    return call("read admin events", () -> {
      List<AdminChange> changes = new ArrayList<>();
      long to = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
      for (int first = 0; changes.size() < max; first += PAGE) {
        List<AdminEventRepresentation> page = realm().getAdminEvents(null, null, null, null, null, null, null,
            fromMillis, to, first, PAGE, "asc");
        for (AdminEventRepresentation event : page) {
          if (event.getTime() >= fromMillis && changes.size() < max) {
            changes.add(new AdminChange(event.getId() == null ? event.getTime() + ":" + event.getResourcePath()
                : event.getId(), event.getTime(),
                AdminEventNotices.of(event.getResourceType(), event.getOperationType(), event.getResourcePath())));
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
      return changes;
    });
  }

  @Override
  public void close() {
    keycloak.close();
    http.close();
  }

  /** Subgroups are read too: a mail group may sit anywhere in the tree. */
  private void collect(GroupRepresentation group, List<MailGroup> into) {
    mailGroup(group).ifPresent(into::add);
    long children = group.getSubGroupCount() == null ? 1 : group.getSubGroupCount();
    if (children > 0) {
      for (int first = 0; ; first += PAGE) {
        List<GroupRepresentation> page = realm().groups().group(group.getId()).getSubGroups(first, PAGE, false);
        page.forEach(child -> collect(child, into));
        if (page.size() < PAGE) {
          return;
        }
      }
    }
  }

  private Optional<MailGroup> mailGroup(GroupRepresentation group) {
    Map<String, List<String>> attributes = group.getAttributes() == null ? Map.of() : group.getAttributes();
    Optional<String> list = first(attributes.get(MAIL_LIST));
    Optional<String> shared = first(attributes.get(SHARED_MAILBOX));
    if (list.isEmpty() && shared.isEmpty()) {
      return Optional.empty();
    }
    Set<String> members = new LinkedHashSet<>();
    for (int first = 0; ; first += PAGE) {
      List<UserRepresentation> page = realm().groups().group(group.getId()).members(first, PAGE, true);
      page.stream().filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).forEach(u -> members.add(u.getEmail()));
      if (page.size() < PAGE) {
        break;
      }
    }
    return Optional.of(new MailGroup(group.getId(), group.getName(), list, shared, members));
  }

  private static Optional<MailUser> mailUser(UserRepresentation rep) {
    if (rep.getEmail() == null || rep.getEmail().isBlank()) {
      return Optional.empty();
    }
    Map<String, List<String>> attributes = rep.getAttributes() == null ? Map.of() : rep.getAttributes();
    Set<String> aliases = new LinkedHashSet<>();
    for (String value : attributes.getOrDefault(ALIASES, List.of())) {
      for (String alias : value.split("[,\\s]+")) {
        if (alias.contains("@")) {
          aliases.add(alias);
        }
      }
    }
    OptionalLong quota = OptionalLong.empty();
    Optional<String> quotaText = first(attributes.get(QUOTA));
    if (quotaText.isPresent()) {
      try {
        quota = QuotaText.parse(quotaText.get());
      } catch (IllegalArgumentException e) {
        LOG.warn("event=provisioning.quota_ignored user={} reason=\"{}\"", rep.getUsername(), e.getMessage());
      }
    }
    return Optional.of(new MailUser(rep.getId(), rep.getUsername(), rep.getEmail(),
        !Boolean.FALSE.equals(rep.isEnabled()), aliases, quota));
  }

  private static Optional<String> first(List<String> values) {
    return values == null ? Optional.empty() : values.stream().filter(v -> !v.isBlank()).findFirst();
  }

  private RealmResource realm() {
    return keycloak.realm(realmName);
  }

  /** Turns the admin client's unchecked failures into IOExceptions naming what was being read. */
  private static <T> T call(String what, Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (WebApplicationException e) {
      throw new IOException("Keycloak could not " + what + ": HTTP " + e.getResponse().getStatus(), e);
    } catch (ProcessingException e) {
      throw new IOException("Keycloak unreachable while trying to " + what + ": " + e.getMessage(), e);
    }
  }
}
