package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import eu.sovereignmail.gateway.http.provisioning.ProvisioningEventsApi;
import eu.sovereignmail.gateway.up.CredentialsFile;
import eu.sovereignmail.identity.importing.ImportReport;
import eu.sovereignmail.identity.importing.KeycloakPeopleDirectory;
import eu.sovereignmail.identity.importing.PeopleFile;
import eu.sovereignmail.identity.importing.PeopleImporter;
import eu.sovereignmail.identity.importing.PeopleImporter.Onboarding;
import eu.sovereignmail.identity.importing.RowError;
import eu.sovereignmail.identity.provisioning.ChangeListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code users import people.csv}: onboards people into Keycloak from a CSV file (through the gateway client's service
 * account), idempotently, with a dry run; each new person sets their password at first login. Mounted under
 * {@code users}.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the people of a CSV file in Keycloak: header row with email, first name, last name and optionally",
      "username, aliases, quota, groups (several aliases or groups separated by ';'; quota like 2G).",
      "People already in the realm (same email or username) are reported and left alone, so a rerun creates nothing twice.",
      "New people must set a password at first login: by invitation mail when the realm has SMTP configured,",
      "else with a temporary password written to --passwords-file (mode 600) for you to hand out.",
      "Exit codes: 0 every row imported or present, 1 Keycloak unreachable or refusing, 2 usage error or unusable file,",
      "3 some rows not imported (see their line numbers)."
    })
public final class UsersImportCommand implements Callable<Integer> {
  static final String SECRET_ENV = "SOVEREIGN_IDENTITY_CLIENT_SECRET";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8).")
  Path file;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--passwords-file", paramLabel = "FILE",
      description = "Where temporary passwords go (created, mode 600) when no invitation mail is sent.")
  Path passwordsFile;

  @Option(names = "--no-invite", description = "Temporary passwords even when the realm could send invitations.")
  boolean noInvite;

  @Option(names = "--keycloak-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8180",
      description = "Keycloak's base URL (default: ${DEFAULT-VALUE}).")
  URI keycloakUrl;

  @Option(names = "--realm", defaultValue = "sovereign", description = "The realm (default: ${DEFAULT-VALUE}).")
  String realm;

  @Option(names = "--client-id", defaultValue = "sovereign-gateway",
      description = "Confidential client whose service account may manage users (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(names = "--client-secret-file", paramLabel = "FILE",
      description = "File holding the client secret (default: $" + SECRET_ENV + ", else up's data/secrets.properties).")
  Path clientSecretFile;

  @Option(names = "--gateway-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The gateway told of each new person, if its push secret is readable here (default: ${DEFAULT-VALUE}).")
  URI gatewayUrl;

  /** The environment, replaceable in tests. */
  Function<String, String> environment = System::getenv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PeopleFile people;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      people = PeopleFile.parse(reader);
    } catch (NoSuchFileException e) {
      err.println("users import: no such file: " + file);
      return 2;
    } catch (IOException e) {
      err.println("users import: cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("users import: " + file + ": " + e.getMessage());
      return 2;
    }
    String secret;
    try {
      secret = clientSecret();
    } catch (IOException e) {
      err.println("users import: " + e.getMessage());
      return 2;
    }
    try (Keycloak keycloak = KeycloakBuilder.builder()
        .serverUrl(keycloakUrl.toString()).realm(realm).grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(clientId).clientSecret(secret).build()) {
      KeycloakPeopleDirectory directory = new KeycloakPeopleDirectory(keycloak.realm(realm));
      Onboarding onboarding = noInvite ? Onboarding.TEMPORARY_PASSWORD : Onboarding.INVITE_IF_POSSIBLE;
      if (!dryRun && passwordsFile == null && (noInvite || !directory.canSendInvitations())) {
        err.println("users import: realm " + realm + (noInvite ? "" : " has no SMTP server for invitations")
            + ": pass --passwords-file FILE to receive the temporary passwords");
        return 2;
      }
      ImportReport report = new PeopleImporter(directory, gatewayNotifier(err)).run(people, onboarding, dryRun);
      if (!report.dryRun()) {
        writePasswords(report);
      }
      print(out, report);
      return report.clean() ? 0 : 3;
    } catch (IOException | RuntimeException e) {
      err.println("users import: Keycloak at " + keycloakUrl + " (realm " + realm + ", client " + clientId + "): "
          + e.getMessage());
      return 1;
    }
  }

  private void print(PrintWriter out, ImportReport report) {
    String verb = report.dryRun() ? "would create" : "created";
    for (ImportReport.Created created : report.created()) {
      String how = report.dryRun() ? "" : created.invited() ? "  invitation sent" : "  temporary password in " + passwordsFile;
      out.printf("line %d  %s  %s%s%n", created.person().line(), verb, created.person().email(), how);
    }
    for (ImportReport.Existing existing : report.existing()) {
      out.printf("line %d  exists  %s%n", existing.person().line(), existing.person().email());
    }
    for (RowError error : report.invalid()) {
      out.printf("line %d  error  %s%n", error.line(), error.message());
    }
    out.printf("%s%d %s, %d already present, %d not imported%n", report.dryRun() ? "dry run: " : "",
        report.created().size(), verb, report.existing().size(), report.invalid().size());
    out.flush();
  }

  /** Appends {@code email,password} lines (file created owner-only); the passwords are printed nowhere else. */
  private void writePasswords(ImportReport report) throws IOException {
    if (passwordsFile == null || report.created().stream().noneMatch(c -> c.temporaryPassword().isPresent())) {
      return;
    }
    boolean fresh = !Files.exists(passwordsFile);
    if (fresh) {
      Path parent = passwordsFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      try {
        Files.createFile(passwordsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(passwordsFile);
      }
    }
    try (Writer writer = Files.newBufferedWriter(passwordsFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      if (fresh) {
        writer.write("email,temporary password\n");
      }
      for (ImportReport.Created created : report.created()) {
        if (created.temporaryPassword().isPresent()) {
          writer.write(created.person().email() + "," + created.temporaryPassword().get() + "\n");
        }
      }
    }
  }

  /** --client-secret-file, else $SOVEREIGN_IDENTITY_CLIENT_SECRET, else the secret {@code up} generated. */
  private String clientSecret() throws IOException {
    if (clientSecretFile != null) {
      String secret = Files.readString(clientSecretFile, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IOException(clientSecretFile + " is empty");
      }
      return secret;
    }
    String fromEnvironment = environment.apply(SECRET_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path secrets = home().resolve("data").resolve("secrets.properties");
    String secret = Files.exists(secrets) ? CredentialsFile.open(secrets).asMap().get("keycloak.gateway.client-secret") : null;
    if (secret == null) {
      throw new IOException("no client secret: pass --client-secret-file, set $" + SECRET_ENV
          + ", or run this where 'up' keeps its data (" + secrets + ")");
    }
    return secret;
  }

  /**
   * Tells the gateway of each new person over its push endpoint when the shared secret is readable here (the Keycloak
   * listener pushes the same changes; the gateway's poller catches up otherwise), so the import's people are in James
   * before the command returns.
   */
  private ChangeListener gatewayNotifier(PrintWriter err) {
    Path secretFile = home().resolve("data").resolve("provisioning-events.secret");
    AdminToken secret;
    try {
      secret = Files.isReadable(secretFile) ? AdminTokenFile.read(secretFile) : null;
    } catch (IOException e) {
      secret = null;
    }
    if (secret == null) {
      return notice -> {};
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI endpoint = URI.create(gatewayUrl.toString().replaceAll("/+$", "") + ProvisioningEventsApi.PATH);
    String value = secret.value();
    return notice -> {
      String body = "{\"kind\":\"" + notice.kind() + "\",\"id\":\"" + notice.id() + "\",\"operation\":\""
          + notice.operation() + "\",\"realm\":\"" + realm.replace("\"", "") + "\"}";
      try {
        http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json").header(ProvisioningEventsApi.SECRET_HEADER, value)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // the gateway is not running here: its poller picks the new people up when it starts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static Path home() {
    return Path.of(System.getProperty("sovereign.home", ".")).toAbsolutePath().normalize();
  }
}
