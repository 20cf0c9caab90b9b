package eu.sovereignmail.identity.importing;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * {@link PeopleDirectory} on a Keycloak realm through Keycloak's admin client (as the gateway client's service account,
 * or any account with manage-users, view-users and query-groups). Aliases and quota become the user attributes
 * {@value #ALIASES} and {@value #QUOTA} that provisioning reads.
 */
public final class KeycloakPeopleDirectory implements PeopleDirectory {
  public static final String ALIASES = "mailAliases";
  public static final String QUOTA = "mailQuota";
  public static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";
  /** How long an invitation link stays valid. */
  static final int INVITATION_LIFESPAN_SECONDS = 7 * 24 * 3600;

  private final RealmResource realm;

  public KeycloakPeopleDirectory(RealmResource realm) {
    this.realm = Objects.requireNonNull(realm, "realm");
  }

  @Override
  public Optional<String> existing(String email, String username) throws IOException {
    try {
      for (UserRepresentation user : realm.users().searchByEmail(email, true)) {
        if (email.equalsIgnoreCase(user.getEmail())) {
          return Optional.of(user.getId());
        }
      }
      for (String name : username.equals(email) ? List.of(email) : List.of(username, email)) {
        for (UserRepresentation user : realm.users().searchByUsername(name, true)) {
          if (name.equalsIgnoreCase(user.getUsername())) {
            return Optional.of(user.getId());
          }
        }
      }
      return Optional.empty();
    } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
      throw failure("look up " + email, e);
    }
  }

  @Override
  public boolean groupExists(String path) throws IOException {
    try {
      realm.getGroupByPath(path);
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
      throw failure("look up group " + path, e);
    }
  }

  @Override
  public boolean canSendInvitations() throws IOException {
    try {
      Map<String, String> smtp = realm.toRepresentation().getSmtpServer();
      return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
      throw failure("read the realm's SMTP settings", e);
    }
  }

  @Override
  public String create(Person person, String temporaryPassword) throws IOException {
    UserRepresentation user = new UserRepresentation();
    user.setUsername(person.username());
    user.setEmail(person.email());
    user.setFirstName(person.firstName());
    user.setLastName(person.lastName());
    user.setEnabled(true);
    user.setEmailVerified(true);
    user.setRequiredActions(List.of(UPDATE_PASSWORD));
    if (!person.aliases().isEmpty() || person.quotaBytes().isPresent()) {
      Map<String, List<String>> attributes = new java.util.HashMap<>();
      if (!person.aliases().isEmpty()) {
        attributes.put(ALIASES, new ArrayList<>(person.aliases()));
      }
      person.quotaBytes().ifPresent(quota -> attributes.put(QUOTA, List.of(Long.toString(quota))));
      user.setAttributes(attributes);
    }
    if (!person.groups().isEmpty()) {
      user.setGroups(new ArrayList<>(person.groups()));
    }
    if (temporaryPassword != null) {
      CredentialRepresentation credential = new CredentialRepresentation();
      credential.setType(CredentialRepresentation.PASSWORD);
      credential.setValue(temporaryPassword);
      credential.setTemporary(true);
      user.setCredentials(List.of(credential));
    }
    try (Response response = realm.users().create(user)) {
      if (response.getStatus() != 201) {
        throw new IOException("Keycloak answered HTTP " + response.getStatus() + errorOf(response));
      }
      return CreatedResponseUtil.getCreatedId(response);
    } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
      throw failure("create " + person.email(), e);
    }
  }

  @Override
  public void invite(String userId) throws IOException {
    try {
      realm.users().get(userId).executeActionsEmail(List.of(UPDATE_PASSWORD), INVITATION_LIFESPAN_SECONDS);
    } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
      throw failure("send the invitation", e);
    }
  }

  private static String errorOf(Response response) {
    try {
      String body = response.readEntity(String.class);
      if (body == null || body.isBlank()) {
        return "";
      }
      String message = body.replaceAll(".*\"errorMessage\"\\s*:\\s*\"([^\"]*)\".*", "$1");
      return message.equals(body) ? "" : " (" + message + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static IOException failure(String what, RuntimeException e) {
    String status = e instanceof WebApplicationException w && w.getResponse() != null
        ? "HTTP " + w.getResponse().getStatus() : e.getClass().getSimpleName();
    return new IOException("cannot " + what + " in Keycloak: " + status, e);
  }
}
