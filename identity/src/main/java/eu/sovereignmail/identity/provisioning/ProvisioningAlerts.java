package eu.sovereignmail.identity.provisioning;

/**
 * Where provisioning tells administrators about something they must act on (a user deleted while the mailbox is kept,
 * a change the backend refused); the gateway forwards it to its alert sinks. Must not throw.
 */
@FunctionalInterface
public interface ProvisioningAlerts {
  void alert(String kind, String subject, String summary);
}
