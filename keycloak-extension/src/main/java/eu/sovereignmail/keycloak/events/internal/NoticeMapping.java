package eu.sovereignmail.keycloak.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * Which Keycloak events matter to mail provisioning, and the notices they become: users, groups, group
 * membership, role mappings and realm-wide changes from the admin API, and the account changes users make
 * themselves. Everything else (logins, clients, flows...) maps to nothing, so the gateway hears only what it acts on.
 */
public final class NoticeMapping {
  /** User events (by {@code EventType} name, so that a Keycloak without one of them still loads this class). */
  private static final Map<String, String> USER_EVENTS = Map.ofEntries(
      Map.entry("REGISTER", Notice.CREATE),
      Map.entry("IDENTITY_PROVIDER_FIRST_LOGIN", Notice.CREATE),
      Map.entry("UPDATE_PROFILE", Notice.UPDATE),
      Map.entry("UPDATE_EMAIL", Notice.UPDATE),
      Map.entry("VERIFY_EMAIL", Notice.UPDATE),
      Map.entry("UPDATE_PASSWORD", Notice.UPDATE),
      Map.entry("RESET_PASSWORD", Notice.UPDATE),
      Map.entry("UPDATE_CREDENTIAL", Notice.UPDATE),
      Map.entry("REMOVE_CREDENTIAL", Notice.UPDATE),
      Map.entry("USER_DISABLED_BY_PERMANENT_LOCKOUT", Notice.UPDATE),
      Map.entry("DELETE_ACCOUNT", Notice.DELETE));

  private NoticeMapping() {}

  /** The notices of a user event: at most one, for the event's user; none for failures and other event types. */
  public static List<Notice> of(Event event) {
    if (event == null || event.getType() == null || event.getError() != null || blank(event.getUserId())) {
      return List.of();
    }
    String operation = USER_EVENTS.get(event.getType().name());
    return operation == null ? List.of()
        : List.of(new Notice(Notice.USER, event.getUserId(), operation, realm(event.getRealmName(), event.getRealmId())));
  }

  /**
   * The notices of an admin event. {@code users/{id}} and {@code groups/{id}} keep their operation; anything
   * below them (role mappings, credentials, attributes via sub-resources) is an UPDATE of that user or group; a
   * membership change ({@code users/{u}/groups/{g}}) is an UPDATE of both; a realm-level change (settings, partial
   * import) is a REALM UPDATE. Failed operations and other resource types map to nothing.
   */
  public static List<Notice> of(AdminEvent event) {
    if (event == null || event.getResourceType() == null || event.getOperationType() == null || event.getError() != null) {
      return List.of();
    }
    String realm = realm(event.getRealmName(), event.getRealmId());
    String[] path = segments(event.getResourcePath());
    String operation = operation(event.getOperationType());
    ResourceType type = event.getResourceType();
    List<Notice> notices = new ArrayList<>(2);
    switch (type) {
      case USER, REALM_ROLE_MAPPING, CLIENT_ROLE_MAPPING, GROUP_MEMBERSHIP, GROUP -> {
        addOwner(notices, path, operation, realm);
        if (type == ResourceType.GROUP_MEMBERSHIP && path.length >= 4 && path[0].equals("users") && path[2].equals("groups")) {
          notices.add(new Notice(Notice.GROUP, path[3], Notice.UPDATE, realm));
        }
      }
      case REALM -> notices.add(new Notice(Notice.REALM, "", Notice.UPDATE, realm));
      default -> {
        // clients, flows, identity providers, components...: nothing provisioning acts on
      }
    }
    return List.copyOf(notices);
  }

  /** {@code users/{id}} or {@code groups/{id}} (with {@code children/{id}} for a subgroup) and what happened to it. */
  private static void addOwner(List<Notice> notices, String[] path, String operation, String realm) {
    if (path.length < 2 || blank(path[1])) {
      return;
    }
    String kind = switch (path[0]) {
      case "users" -> Notice.USER;
      case "groups" -> Notice.GROUP;
      default -> null;
    };
    if (kind == null) {
      return;
    }
    if (kind.equals(Notice.GROUP) && path.length == 4 && path[2].equals("children")) {
      // a subgroup created or moved under a parent: the subgroup itself, and the parent's children changed
      notices.add(new Notice(Notice.GROUP, path[3], operation, realm));
      notices.add(new Notice(Notice.GROUP, path[1], Notice.UPDATE, realm));
      return;
    }
    notices.add(new Notice(kind, path[1], path.length == 2 ? operation : Notice.UPDATE, realm));
  }

  private static String operation(OperationType type) {
    return switch (type) {
      case CREATE -> Notice.CREATE;
      case DELETE -> Notice.DELETE;
      default -> Notice.UPDATE;
    };
  }

  private static String[] segments(String path) {
    if (path == null) {
      return new String[0];
    }
    String trimmed = path.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }

  private static String realm(String name, String id) {
    return blank(name) ? (id == null ? "" : id) : name;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
