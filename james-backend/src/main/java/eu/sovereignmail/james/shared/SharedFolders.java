package eu.sovereignmail.james.shared;

import eu.sovereignmail.james.shared.internal.SharedFolderNames;
import eu.sovereignmail.james.shared.internal.SharedFolderView;
import java.lang.reflect.Proxy;
import org.apache.james.mailbox.MailboxManager;

/**
 * Makes mailboxes that other users shared (IMAP ACL rights) visible to IMAP clients of James 3.8.1, whose IMAP layer
 * cannot name another user's mailbox: they appear as {@code Shared.<owner>} (the owner's INBOX) and
 * {@code Shared.<owner>.<folder>} in the member's own folder list, with the member's rights enforced on the real
 * mailbox. The top-level folder name {@code Shared} is reserved for this.
 */
public final class SharedFolders {
  /** The member's top-level folder under which shared mailboxes appear. */
  public static final String PREFIX = SharedFolderNames.PREFIX;

  private SharedFolders() {}

  /** {@code manager} as logged-in users see it: their own mailboxes plus those shared with them. */
  public static MailboxManager view(MailboxManager manager) {
    return (MailboxManager) Proxy.newProxyInstance(SharedFolders.class.getClassLoader(),
        new Class<?>[] {MailboxManager.class}, new SharedFolderView(manager));
  }
}
