package eu.sovereignmail.gateway.cli;

import static eu.sovereignmail.gateway.cli.TextTable.age;
import static eu.sovereignmail.gateway.cli.TextTable.cell;
import static eu.sovereignmail.gateway.cli.TextTable.shorten;
import static eu.sovereignmail.gateway.cli.TextTable.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code queue}: the operator's look into the gateway's spool, and hand actions on one entry, over the admin API. */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = {
      "Lists and acts on the messages waiting in the gateway's spool (admin API, local admin token or $"
          + AdminClientOptions.TOKEN_ENV + ").",
      "Exit codes: 0 ok, 1 server error or gateway unreachable, 2 usage error or not found, 3 not authorised."
    })
final class QueueCommand {
  private static final int ERROR_WIDTH = 60;

  @Spec CommandSpec spec;

  @Mixin AdminClientOptions admin;

  @Command(name = "list", description = "Every entry, oldest first: id, age, sender, recipients, next attempt, last error.")
  int list() {
    return call("list", c -> c.get("/api/queue"), QueueCommand::printList);
  }

  @Command(name = "show", description = "One entry with each recipient's state.")
  int show(@Parameters(paramLabel = "ID", description = "The entry id.") String id) {
    return call("show", c -> c.get(entry(id)), QueueCommand::printEntry);
  }

  @Command(name = "retry", description = "Makes every pending recipient of an entry due now.")
  int retry(@Parameters(paramLabel = "ID", description = "The entry id.") String id) {
    return call("retry", c -> c.post(entry(id) + "/retry"), (body, out) -> out.println("Entry " + id + ": due now."));
  }

  @Command(name = "hold", description = "Keeps an entry from delivery until released (it is still archived).")
  int hold(@Parameters(paramLabel = "ID", description = "The entry id.") String id) {
    return call("hold", c -> c.post(entry(id) + "/hold"), (body, out) -> out.println("Entry " + id + ": held."));
  }

  @Command(name = "release", description = "Lets a held entry be delivered again.")
  int release(@Parameters(paramLabel = "ID", description = "The entry id.") String id) {
    return call("release", c -> c.post(entry(id) + "/release"),
        (body, out) -> out.println("Entry " + id + ": released."));
  }

  @Command(name = "delete", description = "Removes an entry whatever its state; audited with your reason.")
  int delete(@Parameters(paramLabel = "ID", description = "The entry id.") String id,
      @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit).") String reason) {
    return call("delete", c -> c.delete(entry(id) + "?reason=" + AdminClient.encode(reason)),
        (body, out) -> out.println("Deleted entry " + id + " (from " + sender(body) + ", "
            + body.path("recipients").size() + " recipient(s), " + body.path("size").asLong() + " bytes)."));
  }

  private int call(String subcommand, AdminCall.Request request, AdminCall.Printer printer) {
    return AdminCall.run(spec.subcommands().get(subcommand).getCommandSpec(), admin, request, printer);
  }

  private static String entry(String id) {
    return "/api/queue/" + AdminClient.encode(id);
  }

  private static void printList(JsonNode body, PrintWriter out) {
    JsonNode entries = body.path("entries");
    if (entries.isEmpty()) {
      out.println("The queue is empty.");
      return;
    }
    TextTable table = new TextTable("ID", "AGE", "FROM", "RCPTS", "NEXT ATTEMPT", "LAST ERROR", "HELD");
    for (JsonNode e : entries) {
      table.row(e.path("id").asText(), age(e.path("ageSeconds").asLong()), sender(e),
          Integer.toString(e.path("recipients").size()), when(e.path("nextAttempt")),
          shorten(cell(e.path("lastError")), ERROR_WIDTH), e.path("held").asBoolean() ? "HELD" : "");
    }
    table.print(out);
    out.println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies") + ".");
  }

  private static void printEntry(JsonNode e, PrintWriter out) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"id", e.path("id").asText()});
    fields.add(new String[] {"received", when(e.path("received")) + " (" + age(e.path("ageSeconds").asLong()) + " ago)"});
    fields.add(new String[] {"from", sender(e)});
    fields.add(new String[] {"direction", cell(e.path("direction"))});
    fields.add(new String[] {"size", e.path("size").asLong() + " bytes"});
    fields.add(new String[] {"journaled", e.path("journaled").asBoolean() ? "yes" : "no"});
    fields.add(new String[] {"held", e.path("held").asBoolean() ? "HELD" : "no"});
    fields.add(new String[] {"next attempt", when(e.path("nextAttempt"))});
    fields.add(new String[] {"last error", cell(e.path("lastError"))});
    for (String[] field : fields) {
      out.printf("%-13s %s%n", field[0] + ":", field[1]);
    }
    out.println();
    TextTable table = new TextTable("RECIPIENT", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "REACHED", "LAST ERROR");
    for (JsonNode r : e.path("recipients")) {
      List<String> reached = new ArrayList<>();
      r.path("reached").forEach(d -> reached.add(d.asText()));
      table.row(r.path("address").asText(), r.path("status").asText(), r.path("attempts").asText(),
          when(r.path("nextAttempt")), reached.isEmpty() ? "-" : String.join(",", reached), cell(r.path("lastError")));
    }
    table.print(out);
  }

  private static String sender(JsonNode entry) {
    String from = entry.path("from").asText();
    return from.isEmpty() ? "<>" : from;
  }
}
