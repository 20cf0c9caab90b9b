package eu.sovereignmail.gateway.up;

import java.util.List;
import java.util.Set;

/** A person of the demo organisation that {@code up} creates in Keycloak and James (DESIGN section 6). */
public record DemoUser(String username, String firstName, String lastName, Set<String> roles) {
  public static final String DOMAIN = "example.eu";

  public static final List<DemoUser> ALL = List.of(
      new DemoUser("alice", "Alice", "Martin", Set.of("staff")),
      new DemoUser("bob", "Bob", "Schmidt", Set.of("staff")),
      new DemoUser("lea", "Léa", "Dubois", Set.of("legal")),
      new DemoUser("mara", "Mara", "Rossi", Set.of("legal-admin", "mail-admin")));

  public String email() {
    return username + "@" + DOMAIN;
  }
}
