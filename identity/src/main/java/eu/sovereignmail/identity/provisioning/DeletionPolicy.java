package eu.sovereignmail.identity.provisioning;

/** What happens in the mail backend when a user is deleted in Keycloak; logins are refused and an alert raised either way. */
public enum DeletionPolicy {
  /** Keep the mailbox and its aliases (mail still arrives and is kept); the archive keeps everything. The default. */
  KEEP,
  /** Remove the account and its aliases from the mail backend; the archive still keeps every message. */
  REMOVE
}
