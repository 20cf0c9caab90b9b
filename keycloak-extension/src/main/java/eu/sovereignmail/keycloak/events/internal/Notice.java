package eu.sovereignmail.keycloak.events.internal;

import java.util.Objects;

/**
 * One change to push to the gateway: the wire form of the gateway's {@code ChangeNotice} plus the realm, kept
 * separate from Keycloak's event classes so that the sender and its queue never hold Keycloak objects.
 *
 * @param kind {@code USER}, {@code GROUP} or {@code REALM}
 * @param id the Keycloak id of the user or group ({@code ""} for {@code REALM})
 * @param operation {@code CREATE}, {@code UPDATE} or {@code DELETE}
 * @param realm the realm's name (or id when Keycloak gave no name)
 */
public record Notice(String kind, String id, String operation, String realm) {
  public static final String USER = "USER";
  public static final String GROUP = "GROUP";
  public static final String REALM = "REALM";
  public static final String CREATE = "CREATE";
  public static final String UPDATE = "UPDATE";
  public static final String DELETE = "DELETE";

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    realm = realm == null ? "" : realm;
  }

  /** The JSON body POSTed to the gateway: {@code {"kind":..,"id":..,"operation":..,"realm":..}}. */
  public String toJson() {
    return "{\"kind\":" + quote(kind) + ",\"id\":" + quote(id) + ",\"operation\":" + quote(operation)
        + ",\"realm\":" + quote(realm) + "}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
