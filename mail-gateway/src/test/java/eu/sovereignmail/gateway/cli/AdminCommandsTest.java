package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.http.AdminApiFixture;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteRule.Scope;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.stack.process.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The queue and route commands run in-process against a real gateway HTTP server with the admin API. */
class AdminCommandsTest {
  @TempDir Path dir;
  private AdminApiFixture api;
  private Path tokenFile;

  /** What one command run printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    api = AdminApiFixture.start(dir);
    tokenFile = dir.resolve("admin.token");
    Files.writeString(tokenFile, AdminApiFixture.LOCAL_TOKEN + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Test
  void queueListShowsATableAndAnEmptyQueueSaysSo() throws Exception {
    assertThat(admin("queue", "list")).satisfies(r -> {
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("The queue is empty.");
    });
    EntryId first = api.spoolMessage("alice@example.net", "bob@example.eu", "carol@example.eu");
    EntryId second = api.spoolMessage("", "dave@example.eu");
    api.spool.markRecipient(first, "bob@example.eu",
        new DeliveryOutcome.Deferred("451 4.4.1 backend busy", Instant.now().plus(1, ChronoUnit.HOURS))).get(10, TimeUnit.SECONDS);
    api.spool.hold(second, true).get(10, TimeUnit.SECONDS);

    Run run = admin("queue", "list");

    assertThat(run.exit()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).containsSubsequence("ID", "AGE", "FROM", "RCPTS", "NEXT ATTEMPT", "LAST ERROR", "HELD");
    assertThat(lines.get(1)).startsWith(first.toString()).contains("1m", "alice@example.net", " 2 ", "451 4.4.1 backend busy")
        .doesNotContain("HELD");
    assertThat(lines.get(2)).startsWith(second.toString()).contains("<>").endsWith("HELD");
    assertThat(lines.get(3)).isEqualTo("2 entries.");
  }

  @Test
  void queueShowPrintsEveryRecipient() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu", "carol@example.eu");
    api.spool.markRecipient(id, "carol@example.eu", new DeliveryOutcome.Failed("550 5.1.1 no such user")).get(10, TimeUnit.SECONDS);

    Run run = admin("queue", "show", id.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("id:           " + id, "from:         alice@example.net", "held:         no",
        "journaled:    no");
    assertThat(run.out().lines().filter(l -> l.startsWith("carol@example.eu")).findFirst()).hasValueSatisfying(
        l -> assertThat(l).contains("FAILED", "550 5.1.1 no such user"));
    assertThat(run.out().lines().filter(l -> l.startsWith("bob@example.eu")).findFirst()).hasValueSatisfying(
        l -> assertThat(l).contains("PENDING", " 0 "));
  }

  @Test
  void holdReleaseRetryAndTheirRefusals() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    assertThat(admin("queue", "hold", id.toString())).satisfies(r -> {
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Entry " + id + ": held.");
    });
    assertThat(api.spool.get(id).orElseThrow().held()).isTrue();
    assertThat(admin("queue", "hold", id.toString())).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("sovereign-mail queue hold: entry " + id + " is already held (HTTP 409)");
    });
    assertThat(admin("queue", "retry", id.toString()).exit()).isEqualTo(2);
    assertThat(admin("queue", "release", id.toString()).out()).contains("released");
    assertThat(api.spool.get(id).orElseThrow().held()).isFalse();
    assertThat(admin("queue", "retry", id.toString())).satisfies(r -> {
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("due now");
    });
    assertThat(admin("queue", "show", EntryId.next().toString())).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("no queue entry");
    });
  }

  @Test
  void deleteNeedsAReasonAndIsAudited() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    Run noReason = admin("queue", "delete", id.toString());
    assertThat(noReason.exit()).isEqualTo(2);
    assertThat(noReason.err()).contains("--reason");
    assertThat(api.spool.get(id)).isPresent();

    Run deleted = admin("queue", "delete", id.toString(), "--reason", "loop & spam: 100%");
    assertThat(deleted.exit()).isZero();
    assertThat(deleted.out()).contains("Deleted entry " + id + " (from alice@example.net, 1 recipient(s)");
    assertThat(api.spool.get(id)).isEmpty();
    assertThat(api.recordingAudit().records()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("loop & spam: 100%"));
  }

  @Test
  void deleteWhoseAuditFailsIsAServerError() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");
    api.recordingAudit().failing(true);

    Run run = admin("queue", "delete", id.toString(), "--reason", "cleanup");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("could not be audited", "HTTP 500");
    assertThat(api.spool.get(id)).isPresent();
  }

  @Test
  void jsonPrintsTheApiAnswer() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    Run run = admin("queue", "list", "--json");

    assertThat(run.exit()).isZero();
    JsonNode body = new ObjectMapper().readTree(run.out());
    assertThat(body.path("entries").get(0).path("id").asText()).isEqualTo(id.toString());
  }

  @Test
  void optionsMayAlsoComeBeforeTheSubcommand() {
    Run run = run("queue", "--url", api.url().toString(), "--token-file", tokenFile.toString(), "list");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("The queue is empty.");
  }

  @Test
  void authFailuresExitWith3() throws Exception {
    Path wrong = dir.resolve("wrong.token");
    Files.writeString(wrong, "not-the-token");

    Run refused = run("queue", "list", "--url", api.url().toString(), "--token-file", wrong.toString());
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).contains("invalid or expired token (HTTP 401)");

    Run missing = run("queue", "list", "--url", api.url().toString(), "--token-file", dir.resolve("absent").toString());
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).contains("no admin token").contains("absent");
  }

  @Test
  void anUnreachableGatewayIsSaidPlainly() throws Exception {
    String url = "http://127.0.0.1:" + Ports.freeLoopbackPort();

    Run run = run("route", "show", "--url", url, "--token-file", tokenFile.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("sovereign-mail route show: cannot reach the gateway at " + url).contains("connection refused", "is it running?");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void routeSetShowClearAndHistory() throws Exception {
    Run set = admin("route", "set", "--domain", "Example.EU", "LEGACY", "--reason", "not migrated yet");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("domain example.eu -> LEGACY (by local-admin)");
    assertThat(admin("route", "set", "--recipient", "bob+test@example.eu", "DUAL").exit()).isZero();
    assertThat(api.routes.route(Scope.RECIPIENT, "bob+test@example.eu")).contains(Route.DUAL);

    Run show = admin("route", "show");
    assertThat(show.exit()).isZero();
    List<String> lines = show.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Default route: SOVEREIGN");
    assertThat(lines.get(1)).containsSubsequence("SCOPE", "KEY", "ROUTE", "CHANGED BY", "WHEN", "REASON");
    assertThat(lines.get(2)).containsSubsequence("domain", "example.eu", "LEGACY", "local-admin", "Z", "not migrated yet");
    assertThat(lines.get(3)).containsSubsequence("recipient", "bob+test@example.eu", "DUAL", "local-admin").endsWith("-");

    Run clear = admin("route", "clear", "--recipient", "bob+test@example.eu", "--reason", "migrated");
    assertThat(clear.exit()).isZero();
    assertThat(clear.out()).contains("Cleared the route of recipient bob+test@example.eu.");
    assertThat(admin("route", "clear", "--recipient", "bob+test@example.eu")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("no recipient route for bob+test@example.eu (HTTP 404)");
    });

    Run history = admin("route", "history", "--limit", "2");
    assertThat(history.exit()).isZero();
    List<String> changes = history.out().lines().toList();
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0)).containsSubsequence("WHEN", "SCOPE", "KEY", "BEFORE", "AFTER", "CHANGED BY", "REASON");
    assertThat(changes.get(1)).containsSubsequence("recipient", "bob+test@example.eu", "DUAL", "-", "local-admin", "migrated");
    assertThat(changes.get(2)).containsSubsequence("recipient", "bob+test@example.eu", "-", "DUAL", "local-admin");
  }

  @Test
  void routeUsageErrorsExitWith2() {
    assertThat(admin("route", "set", "--domain", "example.eu", "--recipient", "a@example.eu", "DUAL").exit()).isEqualTo(2);
    assertThat(admin("route", "set", "LEGACY").exit()).isEqualTo(2);
    Run badRoute = admin("route", "set", "--domain", "example.eu", "ELSEWHERE");
    assertThat(badRoute.exit()).isEqualTo(2);
    assertThat(badRoute.err()).contains("SOVEREIGN");
    Run badKey = admin("route", "set", "--domain", "a@example.eu", "DUAL");
    assertThat(badKey.exit()).isEqualTo(2);
    assertThat(badKey.err()).contains("needs a domain");
    assertThat(api.routes.all()).isEmpty();
  }

  private Run admin(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", api.url().toString(), "--token-file", tokenFile.toString()));
    return run(all.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new SovereignMail())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
