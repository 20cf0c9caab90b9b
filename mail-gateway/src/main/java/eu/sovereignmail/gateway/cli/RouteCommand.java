package eu.sovereignmail.gateway.cli;

import static eu.sovereignmail.gateway.cli.TextTable.cell;
import static eu.sovereignmail.gateway.cli.TextTable.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import eu.sovereignmail.gateway.routing.Route;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code route}: shows and changes the continuity routes (SOVEREIGN, LEGACY, DUAL) over the admin API. */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = {
      "Shows and changes where local recipients' mail goes: SOVEREIGN (James), LEGACY (the old provider) or DUAL (both).",
      "A recipient's rule wins over its domain's; addresses without a rule take the default route.",
      "Exit codes: 0 ok, 1 server error or gateway unreachable, 2 usage error or not found, 3 not authorised."
    })
final class RouteCommand {
  @Spec CommandSpec spec;

  @Mixin AdminClientOptions admin;

  /** Exactly one of --domain or --recipient: what a rule applies to. */
  static final class Target {
    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Every address of a domain.")
    String domain;

    @Option(names = "--recipient", required = true, paramLabel = "ADDRESS", description = "One address.")
    String recipient;

    String path() {
      return domain != null ? "/api/routes/domain/" + AdminClient.encode(domain)
          : "/api/routes/recipient/" + AdminClient.encode(recipient);
    }

    String describe() {
      return domain != null ? "domain " + domain : "recipient " + recipient;
    }
  }

  @Command(name = "show", description = "The default route and every rule: scope, key, route, changed by, when, reason.")
  int show() {
    return call("show", c -> c.get("/api/routes"), RouteCommand::printRules);
  }

  @Command(name = "set", description = "Sets the route of a domain or a recipient.")
  int set(@ArgGroup(exclusive = true, multiplicity = "1") Target target,
      @Parameters(paramLabel = "ROUTE", description = "SOVEREIGN, LEGACY or DUAL.") Route route,
      @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the route history).") String reason) {
    return call("set", c -> c.put(target.path(), body(route, reason)),
        (rule, out) -> out.println(rule.path("scope").asText() + " " + rule.path("key").asText()
            + " -> " + rule.path("route").asText() + " (by " + rule.path("changedBy").asText() + ")"));
  }

  @Command(name = "clear",
      description = "Removes the rule of a domain or a recipient (it falls back to its domain, then the default).")
  int clear(@ArgGroup(exclusive = true, multiplicity = "1") Target target,
      @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the route history).") String reason) {
    String query = reason == null ? "" : "?reason=" + AdminClient.encode(reason);
    return call("clear", c -> c.delete(target.path() + query),
        (body, out) -> out.println("Cleared the route of " + target.describe() + "."));
  }

  @Command(name = "history", description = "Route changes, newest first.")
  int history(@Option(names = "--limit", defaultValue = "50", paramLabel = "N",
      description = "How many (1-1000, default: ${DEFAULT-VALUE}).") int limit) {
    return call("history", c -> c.get("/api/routes/history?limit=" + limit), RouteCommand::printHistory);
  }

  private int call(String subcommand, AdminCall.Request request, AdminCall.Printer printer) {
    return AdminCall.run(spec.subcommands().get(subcommand).getCommandSpec(), admin, request, printer);
  }

  private static String body(Route route, String reason) throws JsonProcessingException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("route", route.name());
    if (reason != null) {
      body.put("reason", reason);
    }
    return AdminCall.JSON.writeValueAsString(body);
  }

  private static void printRules(JsonNode body, PrintWriter out) {
    out.println("Default route: " + body.path("default").asText());
    JsonNode rules = body.path("rules");
    if (rules.isEmpty()) {
      out.println("No rules: every address takes the default route.");
      return;
    }
    TextTable table = new TextTable("SCOPE", "KEY", "ROUTE", "CHANGED BY", "WHEN", "REASON");
    for (JsonNode r : rules) {
      table.row(r.path("scope").asText(), r.path("key").asText(), r.path("route").asText(), cell(r.path("changedBy")),
          when(r.path("changedAt")), cell(r.path("reason")));
    }
    table.print(out);
  }

  private static void printHistory(JsonNode body, PrintWriter out) {
    JsonNode changes = body.path("changes");
    if (changes.isEmpty()) {
      out.println("No route changes yet.");
      return;
    }
    TextTable table = new TextTable("WHEN", "SCOPE", "KEY", "BEFORE", "AFTER", "CHANGED BY", "REASON");
    for (JsonNode c : changes) {
      table.row(when(c.path("at")), c.path("scope").asText(), c.path("key").asText(), cell(c.path("before")),
          cell(c.path("after")), cell(c.path("changedBy")), cell(c.path("reason")));
    }
    table.print(out);
  }
}
