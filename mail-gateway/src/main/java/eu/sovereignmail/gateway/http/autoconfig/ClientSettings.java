package eu.sovereignmail.gateway.http.autoconfig;

import java.util.Objects;

/**
 * What a mail client must be told: public host names and ports of the IMAP and SMTP doors (a port of -1 is not
 * advertised) and the provider's display name. Logins are the user's email address and Keycloak password.
 */
public record ClientSettings(String imapHost, int imapsPort, int imapPort, String smtpHost, int smtpsPort,
    int submissionPort, String displayName, String defaultDomain) {
  public ClientSettings {
    Objects.requireNonNull(imapHost, "imapHost");
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(defaultDomain, "defaultDomain");
    if (imapsPort < 0 && imapPort < 0) {
      throw new IllegalArgumentException("autoconfig needs an IMAP port");
    }
    if (smtpsPort < 0 && submissionPort < 0) {
      throw new IllegalArgumentException("autoconfig needs an SMTP port");
    }
  }
}
