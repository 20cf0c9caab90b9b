package eu.sovereignmail.gateway.cli;

import static eu.sovereignmail.gateway.cli.TextTable.cell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code users}: the people Keycloak gives a mailbox, and the comparison of Keycloak with James (drift report, and its
 * correction) over the admin API; {@code import} creates people in Keycloak from a CSV file.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    subcommands = UsersImportCommand.class,
    description = {
      "Keycloak users in the managed mail domains and their James mailboxes.",
      "Exit codes: 0 ok (sync: Keycloak and James agree, or the differences were corrected), 1 server error or gateway"
          + " unreachable, 2 usage error, 3 not authorised, 4 sync --dry-run found differences."
    })
final class UsersCommand {
  static final int DRIFT = 4;

  @Spec CommandSpec spec;

  @Mixin AdminClientOptions admin;

  @Command(name = "list", description = "Every Keycloak user of the managed domains: login, address, enabled, aliases,"
      + " quota, and whether James has the mailbox.")
  int list() {
    return AdminCall.run(spec.subcommands().get("list").getCommandSpec(), admin, c -> c.get("/api/users"),
        UsersCommand::printUsers);
  }

  @Command(name = "sync", description = "Compares Keycloak with James and corrects every difference (with --dry-run:"
      + " only reports them): in Keycloak not in James, in James not in Keycloak, alias, quota, list and shared-mailbox"
      + " differences. Mailboxes James has and Keycloak does not are only reported, never removed.")
  int sync(@Option(names = "--dry-run", description = "Report the differences, change nothing.") boolean dryRun) {
    boolean[] drift = {false};
    int code = AdminCall.run(spec.subcommands().get("sync").getCommandSpec(), admin,
        c -> c.post("/api/users/sync" + (dryRun ? "?dry-run=true" : "")),
        (body, out) -> {
          drift[0] = !body.path("inSync").asBoolean(true);
          printReport(body, out);
        });
    return code == AdminCall.OK && dryRun && drift[0] ? DRIFT : code;
  }

  private static void printUsers(JsonNode body, PrintWriter out) {
    JsonNode users = body.path("users");
    if (users.isEmpty()) {
      out.println("No Keycloak user has an address in the managed domains.");
      return;
    }
    TextTable table = new TextTable("LOGIN", "ADDRESS", "ENABLED", "ALIASES", "QUOTA", "MAILBOX");
    for (JsonNode u : users) {
      List<String> aliases = new ArrayList<>();
      u.path("aliases").forEach(a -> aliases.add(a.asText()));
      table.row(u.path("username").asText(), u.path("email").asText(), u.path("enabled").asBoolean() ? "yes" : "no",
          aliases.isEmpty() ? "-" : String.join(",", aliases.stream().sorted().toList()), quota(u.path("quotaBytes")),
          u.path("mailbox").asBoolean() ? "yes" : "MISSING");
    }
    table.print(out);
  }

  private static void printReport(JsonNode body, PrintWriter out) {
    boolean applied = body.path("applied").asBoolean();
    JsonNode differences = body.path("differences");
    if (body.path("inSync").asBoolean()) {
      out.println("Keycloak and James agree.");
    } else {
      out.println(applied ? "Corrected these differences:" : "Differences (dry run, nothing changed):");
    }
    if (!differences.isEmpty()) {
      TextTable table = new TextTable("KIND", "SUBJECT", "DETAIL");
      for (JsonNode d : differences) {
        table.row(d.path("kind").asText(), d.path("subject").asText(), cell(d.path("detail")));
      }
      table.print(out);
    }
    JsonNode failures = body.path("failures");
    if (!failures.isEmpty()) {
      out.println("Failed (the next reconcile tries again):");
      failures.forEach(f -> out.println("  " + f.asText()));
    }
  }

  private static String quota(JsonNode bytes) {
    if (bytes.isMissingNode() || bytes.isNull()) {
      return "-";
    }
    long value = bytes.asLong();
    String[] units = {"", "K", "M", "G", "T"};
    int unit = 0;
    while (unit < units.length - 1 && value % 1024 == 0 && value >= 1024) {
      value /= 1024;
      unit++;
    }
    return value + units[unit];
  }
}
