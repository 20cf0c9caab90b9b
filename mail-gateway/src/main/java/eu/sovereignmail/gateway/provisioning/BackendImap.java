package eu.sovereignmail.gateway.provisioning;

import java.util.Objects;

/**
 * How to reach the James backend's IMAP as its administrator (who may act as any user), for what WebAdmin cannot do:
 * the IMAP ACL rights of shared team mailboxes.
 *
 * @param host backend IMAP host (loopback)
 * @param port backend IMAP port
 * @param adminUser James's {@code administratorId}
 * @param adminPassword its password (hidden by {@link #toString()})
 */
public record BackendImap(String host, int port, String adminUser, String adminPassword) {
  public BackendImap {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(adminUser, "adminUser");
    Objects.requireNonNull(adminPassword, "adminPassword");
  }

  @Override
  public String toString() {
    return "BackendImap[" + host + ":" + port + ", admin=" + adminUser + "]";
  }
}
