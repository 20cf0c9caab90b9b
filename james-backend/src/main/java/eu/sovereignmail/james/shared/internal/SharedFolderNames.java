package eu.sovereignmail.james.shared.internal;

import java.util.Optional;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * How a mailbox shared with a member is named in the member's own folder list, because James 3.8.1's IMAP can only
 * name the logged-in user's mailboxes ({@code PathConverter} refuses every namespace but {@code #private}):
 * {@code Shared.<owner>} is the owner's INBOX and {@code Shared.<owner>.<name>} the owner's mailbox {@code <name>}.
 * {@code <owner>} is the owner's local part (shares never cross domains in James), with {@code _} written {@code _-}
 * and the hierarchy delimiter written {@code __}, so any local part round-trips. Pure: no I/O.
 */
public final class SharedFolderNames {
  /** The member's top-level folder under which shared mailboxes appear; reserved for them. */
  public static final String PREFIX = "Shared";

  private SharedFolderNames() {}

  /**
   * The owner's real path that {@code path} (a path in {@code member}'s own namespace) names, if it is a shared
   * folder name; empty for the member's own mailboxes and for anything malformed.
   */
  public static Optional<MailboxPath> toOwner(MailboxPath path, Username member, char delimiter) {
    if (path == null || path.getUser() == null || !member.equals(path.getUser())
        || !MailboxConstants.USER_NAMESPACE.equals(path.getNamespace()) || path.getName() == null) {
      return Optional.empty();
    }
    String start = PREFIX + delimiter;
    if (!path.getName().startsWith(start)) {
      return Optional.empty();
    }
    String rest = path.getName().substring(start.length());
    int end = ownerEnd(rest, delimiter);
    Optional<String> local = unescape(rest.substring(0, end), delimiter);
    Optional<Domain> domain = member.getDomainPart();
    if (local.isEmpty() || local.get().isEmpty() || domain.isEmpty()) {
      return Optional.empty();
    }
    Username owner = Username.fromLocalPartWithDomain(local.get(), domain.get());
    if (owner.equals(member)) {
      return Optional.empty();
    }
    String name = end == rest.length() ? MailboxConstants.INBOX : rest.substring(end + 1);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MailboxPath(MailboxConstants.USER_NAMESPACE, owner, name));
  }

  /** The name under which {@code member} sees the owner's mailbox at {@code ownerPath}. */
  public static MailboxPath toMember(MailboxPath ownerPath, Username member, char delimiter) {
    StringBuilder name = new StringBuilder(PREFIX).append(delimiter)
        .append(escape(ownerPath.getUser().getLocalPart(), delimiter));
    if (!MailboxConstants.INBOX.equalsIgnoreCase(ownerPath.getName())) {
      name.append(delimiter).append(ownerPath.getName());
    }
    return new MailboxPath(MailboxConstants.USER_NAMESPACE, member, name.toString());
  }

  static String escape(String localPart, char delimiter) {
    StringBuilder out = new StringBuilder();
    for (char c : localPart.toCharArray()) {
      if (c == '_') {
        out.append("_-");
      } else if (c == delimiter) {
        out.append("__");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Optional<String> unescape(String escaped, char delimiter) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '_') {
        out.append(c);
      } else if (i + 1 < escaped.length() && escaped.charAt(i + 1) == '-') {
        out.append('_');
        i++;
      } else if (i + 1 < escaped.length() && escaped.charAt(i + 1) == '_') {
        out.append(delimiter);
        i++;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(out.toString());
  }

  private static int ownerEnd(String rest, char delimiter) {
    int end = rest.indexOf(delimiter);
    return end < 0 ? rest.length() : end;
  }
}
