package eu.sovereignmail.identity.provisioning.internal;

import eu.sovereignmail.identity.provisioning.ChangeNotice;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Kind;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one Keycloak admin event (resource type, operation, resource path) into the notices provisioning acts on, so
 * the poller and its tests agree on what each event means.
 */
public final class AdminEventNotices {
  private AdminEventNotices() {}

  /**
   * {@code USER users/{id}} → that user; {@code GROUP_MEMBERSHIP users/{id}/groups/{gid}} → the user and the group;
   * {@code GROUP groups/{gid}…} → the group; a realm-wide change → a full reconcile. Others (roles, clients…): none.
   */
  public static List<ChangeNotice> of(String resourceType, String operationType, String resourcePath) {
    String[] path = resourcePath == null ? new String[0] : resourcePath.split("/");
    Operation operation = operation(operationType);
    List<ChangeNotice> notices = new ArrayList<>();
    String type = resourceType == null ? "" : resourceType;
    switch (type) {
      case "USER" -> {
        if (path.length >= 2 && path[0].equals("users")) {
          // Only the user itself is created or deleted; its sub-resources (password, sessions…) update it.
          notices.add(new ChangeNotice(Kind.USER, path[1], path.length == 2 ? operation : Operation.UPDATE));
        }
      }
      case "GROUP_MEMBERSHIP" -> {
        if (path.length >= 4 && path[0].equals("users") && path[2].equals("groups")) {
          notices.add(new ChangeNotice(Kind.USER, path[1], Operation.UPDATE));
          notices.add(new ChangeNotice(Kind.GROUP, path[3], Operation.UPDATE));
        }
      }
      case "GROUP" -> {
        if (path.length >= 2 && path[0].equals("groups")) {
          notices.add(new ChangeNotice(Kind.GROUP, path[1], path.length == 2 ? operation : Operation.UPDATE));
          if (path.length >= 4 && path[2].equals("children")) {
            notices.add(new ChangeNotice(Kind.GROUP, path[3], Operation.UPDATE));
          }
        }
      }
      case "REALM", "USER_PROFILE" -> notices.add(new ChangeNotice(Kind.REALM, "", Operation.UPDATE));
      default -> {
        // roles, clients, sessions…: nothing mail-related
      }
    }
    return notices;
  }

  private static Operation operation(String operationType) {
    if (operationType == null) {
      return Operation.UPDATE;
    }
    return switch (operationType) {
      case "CREATE" -> Operation.CREATE;
      case "DELETE" -> Operation.DELETE;
      default -> Operation.UPDATE;
    };
  }
}
