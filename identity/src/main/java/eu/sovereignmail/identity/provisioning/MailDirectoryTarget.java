package eu.sovereignmail.identity.provisioning;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The mail backend as provisioning needs it (James through WebAdmin and IMAP in the gateway; a map in tests), so that
 * the provisioner decides what to change without knowing how a backend stores it. Every write is idempotent. Addresses
 * are lower-case.
 */
public interface MailDirectoryTarget {

  /** The domains the backend serves. */
  Set<String> domains() throws IOException;

  void addDomain(String domain) throws IOException;

  /** Every mailbox account of the backend. */
  Set<String> users() throws IOException;

  /** Creates the account if missing; its password is random and never used (logins are checked by Keycloak). */
  void addUser(String address) throws IOException;

  /** Removes the account (the deletion policy {@link DeletionPolicy#REMOVE} only). */
  void removeUser(String address) throws IOException;

  /** Every alias of the backend: user address → the alias addresses delivered to it. */
  Map<String, Set<String>> aliases() throws IOException;

  void addAlias(String alias, String user) throws IOException;

  void removeAlias(String alias, String user) throws IOException;

  /** The user's own storage quota in bytes, empty when none is set for the user. */
  OptionalLong quota(String user) throws IOException;

  /** Sets the user's storage quota; empty removes the user's own limit. */
  void setQuota(String user, OptionalLong bytes) throws IOException;

  /** Every distribution list: list address → member addresses. */
  Map<String, Set<String>> lists() throws IOException;

  void addListMember(String list, String member) throws IOException;

  void removeListMember(String list, String member) throws IOException;

  /**
   * The users who may open the shared mailbox {@code mailbox} (an existing account) from their own sessions; empty
   * when the backend cannot tell ({@link #supportsSharedMailboxes()} false).
   */
  Set<String> sharedMailboxMembers(String mailbox) throws IOException;

  void grantSharedMailbox(String mailbox, String member) throws IOException;

  void revokeSharedMailbox(String mailbox, String member) throws IOException;

  /** False when shared mailboxes cannot be set up (e.g. no backend IMAP administrator configured). */
  boolean supportsSharedMailboxes();
}
