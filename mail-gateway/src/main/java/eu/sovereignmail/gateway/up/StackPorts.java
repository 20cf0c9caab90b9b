package eu.sovereignmail.gateway.up;

import java.util.List;

/** Every TCP port {@code up} binds, with the command-line flag that moves it (DESIGN section 6 defaults). */
public record StackPorts(
    int http, int keycloak, int keycloakManagement, int mariadb, int jamesSmtp, int jamesLmtp, int jamesImap, int jamesWebAdmin,
    int smtpMx, int smtpSubmission, int smtps, int imap, int imaps) {

  public static final StackPorts DEFAULTS =
      new StackPorts(8080, 8180, 9000, 13306, 10025, 10024, 10143, 18000, 2525, 2587, 2465, 2143, 2993);

  /** One port to bind: what it is for, and the flag that changes it. */
  public record Binding(int port, String purpose, String flag) {}

  /** The ports {@code up} will bind, in start order; {@code embeddedMariaDb} false leaves MariaDB's out. */
  public List<Binding> bindings(boolean embeddedMariaDb) {
    var all = new java.util.ArrayList<Binding>();
    if (embeddedMariaDb) {
      all.add(new Binding(mariadb, "MariaDB", "--mariadb-port"));
    }
    all.add(new Binding(keycloak, "Keycloak HTTP", "--keycloak-port"));
    all.add(new Binding(keycloakManagement, "Keycloak management", "--keycloak-management-port"));
    all.add(new Binding(jamesSmtp, "James SMTP", "--james-smtp-port"));
    all.add(new Binding(jamesLmtp, "James LMTP", "--james-lmtp-port"));
    all.add(new Binding(jamesImap, "James IMAP", "--james-imap-port"));
    all.add(new Binding(jamesWebAdmin, "James WebAdmin", "--james-webadmin-port"));
    all.add(new Binding(smtpMx, "gateway SMTP (MX)", "--smtp-port"));
    all.add(new Binding(smtpSubmission, "gateway submission", "--submission-port"));
    all.add(new Binding(smtps, "gateway SMTPS", "--smtps-port"));
    all.add(new Binding(imap, "gateway IMAP (STARTTLS)", "--imap-port"));
    all.add(new Binding(imaps, "gateway IMAPS", "--imaps-port"));
    all.add(new Binding(http, "gateway HTTP", "--http-port"));
    return List.copyOf(all);
  }
}
