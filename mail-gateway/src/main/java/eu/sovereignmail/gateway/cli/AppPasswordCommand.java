package eu.sovereignmail.gateway.cli;

import static eu.sovereignmail.gateway.cli.TextTable.cell;
import static eu.sovereignmail.gateway.cli.TextTable.when;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code app-password}: per-device passwords for IMAP and SMTP, for users whose Keycloak login needs a second factor.
 * Without {@code --user} you act on your own account and sign in to Keycloak (in a browser on any device when the
 * realm allows it, else with your password); with {@code --user} an admin acts for someone, with the local admin token.
 */
@Command(
    name = "app-password",
    mixinStandardHelpOptions = true,
    description = {
      "Creates, lists and revokes app passwords: one per mail app or device, for IMAP and SMTP only, shown once.",
      "Your own: sign in to Keycloak when asked. Someone else's (admins): --user NAME, with the local admin token"
          + " (--token-file or $" + AdminClientOptions.TOKEN_ENV + ").",
      "Exit codes: 0 ok, 1 server error or gateway unreachable, 2 usage error or not found, 3 not authorised."
    })
final class AppPasswordCommand {
  static final String DEFAULT_ISSUER = "http://127.0.0.1:8180/realms/sovereign";
  static final String DEFAULT_CLIENT = "sovereign-cli";

  @Spec CommandSpec spec;

  @Mixin AdminClientOptions admin;

  @Option(names = "--user", paramLabel = "USER", scope = ScopeType.INHERIT,
      description = "Act for this user (username or email); needs the local admin token, or your sign-in as a mail-admin.")
  String user;

  @Option(names = "--issuer", paramLabel = "URL", scope = ScopeType.INHERIT, defaultValue = DEFAULT_ISSUER,
      description = "The Keycloak realm to sign in to (default: ${DEFAULT-VALUE}).")
  URI issuer;

  @Option(names = "--client-id", paramLabel = "ID", scope = ScopeType.INHERIT, defaultValue = DEFAULT_CLIENT,
      description = "The realm's public client for the sign-in (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(names = "--password-prompt", scope = ScopeType.INHERIT,
      description = "Sign in with your password here instead of in a browser (does not work with a second factor).")
  boolean passwordPrompt;

  /** The terminal, replaceable in tests. */
  KeycloakSignIn.Prompt prompt = KeycloakSignIn.console();
  KeycloakSignIn.Sleeper sleeper = duration -> Thread.sleep(duration);

  @Command(name = "create", description = "Makes a new app password and shows it once: enter it in the mail app now.")
  int create(@Option(names = "--label", required = true, paramLabel = "TEXT",
      description = "What it is for, e.g. \"Phone\" or \"Thunderbird at home\" (at most 64 characters).") String label) {
    String body;
    try {
      body = AdminCall.JSON.writeValueAsString(Map.of("label", label));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return call("create", c -> c.post(path(""), body), AppPasswordCommand::printCreated);
  }

  @Command(name = "list", description = "The active app passwords: id, label, created (by whom), last used.")
  int list() {
    return call("list", c -> c.get(path("")), AppPasswordCommand::printList);
  }

  @Command(name = "revoke", description = "Revokes an app password at once: the device using it is logged out at its next login.")
  int revoke(@Parameters(paramLabel = "ID", description = "The id shown by list.") String id) {
    return call("revoke", c -> c.delete(path("/" + AdminClient.encode(id))),
        (body, out) -> out.println("Revoked app password " + id + "."));
  }

  private int call(String subcommand, AdminCall.Request request, AdminCall.Printer printer) {
    CommandSpec sub = spec.subcommands().get(subcommand).getCommandSpec();
    return AdminCall.run(sub, admin, () -> token(sub.commandLine().getOut()), request, printer);
  }

  /**
   * With --user: the admin token when one is at hand, else the signed-in user's (who must be a mail-admin). Without:
   * always the signed-in user's own, so that nobody acts as local-admin by accident.
   */
  private AdminToken token(PrintWriter out) throws AdminClientOptions.MissingTokenException, IOException,
      InterruptedException {
    if (user != null && hasAdminToken()) {
      return admin.token();
    }
    return new AdminToken(new KeycloakSignIn(issuer, clientId, out, prompt, sleeper).accessToken(passwordPrompt));
  }

  private boolean hasAdminToken() {
    try {
      admin.token();
      return true;
    } catch (AdminClientOptions.MissingTokenException e) {
      return false;
    }
  }

  private String path(String suffix) {
    return "/api/app-passwords" + suffix + (user == null ? "" : "?user=" + AdminClient.encode(user));
  }

  private static void printCreated(JsonNode body, PrintWriter out) {
    out.println("App password for " + body.path("user").asText() + " (" + body.path("label").asText() + "), id "
        + body.path("id").asText() + ":");
    out.println();
    out.println("    " + body.path("password").asText());
    out.println();
    out.println("Shown once: enter it in the mail app now as the password, with your usual username or email.");
    out.println("It works for IMAP and SMTP only. Revoke it with: sovereign-mail app-password revoke "
        + body.path("id").asText());
  }

  private static void printList(JsonNode body, PrintWriter out) {
    JsonNode passwords = body.path("appPasswords");
    if (passwords.isEmpty()) {
      out.println("No app passwords for " + body.path("user").asText() + ".");
      return;
    }
    TextTable table = new TextTable("ID", "LABEL", "CREATED", "BY", "LAST USED");
    for (JsonNode p : passwords) {
      table.row(p.path("id").asText(), p.path("label").asText(), when(p.path("createdAt")), cell(p.path("createdBy")),
          cell(p.path("lastUsedAt")).equals("-") ? "never" : when(p.path("lastUsedAt")));
    }
    table.print(out);
    out.println(passwords.size() + " app password" + (passwords.size() == 1 ? "" : "s") + " for "
        + body.path("user").asText() + ".");
  }
}
