package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.gateway.up.PortInUseException;
import eu.sovereignmail.gateway.up.Stack;
import eu.sovereignmail.gateway.up.StackPorts;
import eu.sovereignmail.gateway.up.UpSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code up}: the whole stack on one machine, in the foreground, until Ctrl-C or SIGTERM. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Runs MariaDB (embedded), Keycloak, the durable Apache James backend and the gateway on this machine.",
      "All state lives in the data directory; a second run reuses it. Ctrl-C or SIGTERM stops everything."
    })
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", description = "State of every component (default: data/ in the project home).")
  Path dataDir;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address every service listens on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--http-port", defaultValue = "8080", description = "Gateway HTTP: health, metrics, APIs, UI (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--keycloak-port", defaultValue = "8180", description = "Keycloak HTTP (default: ${DEFAULT-VALUE}).")
  int keycloakPort;

  @Option(names = "--keycloak-management-port", defaultValue = "9000", description = "Keycloak health/management (default: ${DEFAULT-VALUE}).")
  int keycloakManagementPort;

  @Option(names = "--mariadb-port", defaultValue = "13306", description = "Embedded MariaDB (default: ${DEFAULT-VALUE}).")
  int mariadbPort;

  @Option(names = "--james-smtp-port", defaultValue = "10025", description = "James SMTP on loopback (default: ${DEFAULT-VALUE}).")
  int jamesSmtpPort;

  @Option(names = "--james-lmtp-port", defaultValue = "10024", description = "James LMTP on loopback (default: ${DEFAULT-VALUE}).")
  int jamesLmtpPort;

  @Option(names = "--james-imap-port", defaultValue = "10143", description = "James IMAP on loopback (default: ${DEFAULT-VALUE}).")
  int jamesImapPort;

  @Option(names = "--james-webadmin-port", defaultValue = "18000", description = "James WebAdmin on loopback (default: ${DEFAULT-VALUE}).")
  int jamesWebAdminPort;

  @Option(names = "--smtp-port", defaultValue = "2525", description = "Gateway SMTP for other servers, MX (default: ${DEFAULT-VALUE}).")
  int smtpPort;

  @Option(names = "--submission-port", defaultValue = "2587", description = "Gateway submission, STARTTLS then AUTH (default: ${DEFAULT-VALUE}).")
  int submissionPort;

  @Option(names = "--smtps-port", defaultValue = "2465", description = "Gateway submission over implicit TLS (default: ${DEFAULT-VALUE}).")
  int smtpsPort;

  @Option(names = "--imap-port", defaultValue = "2143", description = "Gateway IMAP, STARTTLS then login (default: ${DEFAULT-VALUE}).")
  int imapPort;

  @Option(names = "--imaps-port", defaultValue = "2993", description = "Gateway IMAP over implicit TLS (default: ${DEFAULT-VALUE}).")
  int imapsPort;

  @Option(names = "--db-url", description = "Use this MariaDB instead of the embedded one, e.g. jdbc:mariadb://db.internal:3306")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "sovereign", description = "Account on --db-url that may create databases (default: ${DEFAULT-VALUE}).")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "${env:SOVEREIGN_DB_PASSWORD}", description = "Its password (default: $SOVEREIGN_DB_PASSWORD).")
  String dbPassword;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("sovereign.home", ".")).toAbsolutePath().normalize();
    UpSettings settings = new UpSettings(
        home,
        dataDir != null ? dataDir : home.resolve("data"),
        InetAddress.getByName(bind),
        new StackPorts(httpPort, keycloakPort, keycloakManagementPort, mariadbPort,
            jamesSmtpPort, jamesLmtpPort, jamesImapPort, jamesWebAdminPort, smtpPort, submissionPort, smtpsPort, imapPort, imapsPort),
        dbUrl == null ? Optional.empty()
            : Optional.of(new UpSettings.ExternalDatabase(dbUrl, dbUser, dbPassword == null ? "" : dbPassword)));

    Stack stack = Stack.prepare(settings);
    // Registered before anything starts, so that Ctrl-C during start still stops what has started.
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "sovereign-shutdown"));
    try {
      stack.start(spec.commandLine().getOut());
    } catch (PortInUseException e) {
      spec.commandLine().getErr().println("sovereign-mail up: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      spec.commandLine().getErr().println("sovereign-mail up: could not start: " + e.getMessage());
      return 1;
    }
    // Runs until a signal: the shutdown hook then stops every part, newest first, and the JVM exits.
    new CountDownLatch(1).await();
    return 0;
  }
}
