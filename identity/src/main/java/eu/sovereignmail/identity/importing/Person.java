package eu.sovereignmail.identity.importing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One valid row of a people file: who to create in Keycloak, with the mail attributes provisioning reads
 * ({@code mailAliases}, {@code mailQuota}) and the groups to join.
 *
 * @param line the line of the file the row starts on
 * @param email the mail address (lower case); also the username unless {@code username} is given
 * @param username the Keycloak username (lower case)
 * @param firstName given name
 * @param lastName family name
 * @param aliases further addresses (lower case), empty for none
 * @param quotaBytes the mailbox quota in bytes, empty for the default
 * @param groups group paths such as {@code /staff} or {@code /teams/legal}
 */
public record Person(int line, String email, String username, String firstName, String lastName, List<String> aliases,
    Optional<Long> quotaBytes, List<String> groups) {

  public Person {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(quotaBytes, "quotaBytes");
    groups = List.copyOf(groups);
  }
}
