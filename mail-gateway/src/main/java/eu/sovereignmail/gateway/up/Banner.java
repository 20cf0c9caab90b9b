package eu.sovereignmail.gateway.up;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** What {@code up} prints once healthy: every endpoint, the demo logins, and how long the start took. */
final class Banner {
  private Banner() {}

  static void print(PrintWriter out, UpSettings settings, StackCredentials credentials, Duration took) {
    String host = settings.bindAddress().getHostAddress();
    StackPorts ports = settings.ports();
    out.printf(Locale.ROOT, "%nSovereign Mail is up in %.1f s.%n%n", took.toMillis() / 1000.0);
    out.printf("  Gateway HTTP      http://%s:%d/health   http://%s:%d/metrics   http://%s:%d/api/openapi.json%n",
        host, ports.http(), host, ports.http(), host, ports.http());
    out.printf("  Legal archive UI  http://%s:%d/archive/   (API http://%s:%d/api/archive/search?q=...)%n",
        host, ports.http(), host, ports.http());
    out.printf("  Gateway SMTP      MX %s:%d   submission %s:%d (STARTTLS)   SMTPS %s:%d%n",
        host, ports.smtpMx(), host, ports.smtpSubmission(), host, ports.smtps());
    out.printf("  Gateway IMAP      %s:%d (STARTTLS)   IMAPS %s:%d   client setup http://%s:%d/autoconfig%n",
        host, ports.imap(), host, ports.imaps(), host, ports.http());
    out.printf("  Admin token       %s   (for ./sovereign-mail queue / route)%n",
        settings.dataDir().resolve("gateway").resolve("admin.token"));
    out.printf("  Keycloak          http://%s:%d/admin/   (realm sovereign: http://%s:%d/realms/sovereign/account/)%n",
        host, ports.keycloak(), host, ports.keycloak());
    out.printf("  James backend     SMTP %s:%d  LMTP %s:%d  IMAP %s:%d  WebAdmin http://%s:%d%n",
        host, ports.jamesSmtp(), host, ports.jamesLmtp(), host, ports.jamesImap(), host, ports.jamesWebAdmin());
    out.printf("  MariaDB           %s%n", settings.database()
        .map(UpSettings.ExternalDatabase::url)
        .orElse(host + ":" + ports.mariadb() + " (embedded)"));
    out.printf("  Data              %s%n%n", settings.dataDir());
    out.printf("Demo logins (domain %s), also in %s:%n", DemoUser.DOMAIN, settings.demoCredentialsFile());
    for (DemoUser user : DemoUser.ALL) {
      out.printf("  %-20s %-26s %s%n", credentials.demo(user.username() + ".email"),
          credentials.demo(user.username() + ".password"), String.join(", ", user.roles().stream().sorted().toList()));
    }
    out.printf("  %-20s %-26s Keycloak administrator (master realm)%n",
        credentials.demo("keycloak.admin.user"), credentials.demo("keycloak.admin.password"));
    out.printf("  %-20s %-26s James administrator (gateway impersonation)%n",
        credentials.demo("james.admin.user"), credentials.demo("james.admin.password"));
    out.printf("%nPress Ctrl-C to stop.%n");
    out.flush();
  }
}
