package eu.sovereignmail.identity.provisioning;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Keycloak group that means something for mail: attribute {@code mailList} makes it a distribution list, attribute
 * {@code sharedMailbox} a team mailbox its members open from their own IMAP clients.
 *
 * @param id Keycloak's id of the group
 * @param name the group's name (for logs and reports)
 * @param mailList the list address, if the group is a distribution list
 * @param sharedMailbox the shared mailbox address, if the group is a team mailbox
 * @param members the email addresses of the group's members (lower-cased)
 */
public record MailGroup(String id, String name, Optional<String> mailList, Optional<String> sharedMailbox,
    Set<String> members) {

  public MailGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    mailList = mailList.map(MailGroup::address).filter(a -> !a.isEmpty());
    sharedMailbox = sharedMailbox.map(MailGroup::address).filter(a -> !a.isEmpty());
    TreeSet<String> normalized = new TreeSet<>();
    members.forEach(member -> normalized.add(address(member)));
    members = Set.copyOf(normalized);
  }

  private static String address(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
