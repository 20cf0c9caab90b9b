package eu.sovereignmail.bench;

import eu.sovereignmail.bench.common.BenchFiles;
import eu.sovereignmail.bench.common.BenchOptions;
import eu.sovereignmail.bench.common.MachineInfo;
import eu.sovereignmail.bench.imap.Endpoint;
import eu.sovereignmail.bench.imap.GatewayImapDoor;
import eu.sovereignmail.bench.imap.ImapReport;
import eu.sovereignmail.bench.imap.ImapRoundResult;
import eu.sovereignmail.bench.imap.ImapWorkload;
import eu.sovereignmail.bench.imap.InboxFiller;
import eu.sovereignmail.bench.smtp.BenchServers;
import eu.sovereignmail.bench.smtp.JamesMailboxes;
import eu.sovereignmail.gateway.delivery.DeliverySettings;
import eu.sovereignmail.stack.james.JamesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The IMAP front-door benchmark (docs/benchmarks.md): the same IMAP workload run against Apache James directly and
 * through the gateway's IMAP door in front of that James, rounds alternating, in one run. Exists so that the issue's
 * goals (≥ 0.9× James direct's throughput, ≤ +1 ms median added latency) are measured by a command anyone can rerun.
 */
@Command(name = "run-imap-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Sessions/s and per-command latency of James's IMAP direct and through the gateway's IMAP doors "
        + "(plaintext on loopback, and implicit TLS), side by side. Every server runs on loopback with its state under one directory.")
public final class ImapBenchmark implements Callable<Integer> {
  static final String DOMAIN = "bench.test";
  static final String GATEWAY = "gateway";
  static final String JAMES = "james";
  static final String GATEWAY_TLS = "gateway-tls";
  static final String GATEWAY_UNPOOLED = "gateway-unpooled";
  static final List<String> KNOWN_TARGETS = List.of(GATEWAY, JAMES, GATEWAY_TLS, GATEWAY_UNPOOLED);
  static final String BUILD_COMMAND = "./mvnw -q -B -pl james-backend,benchmarks -am package -DskipTests";

  @Option(names = "--users", defaultValue = "16", description = "Bench users, each with a filled INBOX (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--messages", defaultValue = "20", description = "Messages in each user's INBOX (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--size", defaultValue = "4096", description = "Approximate bytes per message (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--clients", defaultValue = "16", description = "Concurrent IMAP clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--sessions", defaultValue = "10", description = "Sessions per client, target and round (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--bodies", defaultValue = "3", description = "Full bodies fetched per session, one FETCH each (default: ${DEFAULT-VALUE}).")
  int bodies;

  @Option(names = "--idle-ms", defaultValue = "100", description = "Milliseconds each session stays in IDLE (default: ${DEFAULT-VALUE}).")
  int idleMillis;

  @Option(names = "--rounds", defaultValue = "2", description = "Measured rounds; each visits every target, round r starting at the r-th (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "40", description = "Warm-up sessions per client and target before the "
      + "rounds, not reported; the JVMs' compilers are still busy for several hundred sessions (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--latency-sessions", defaultValue = "40", description = "Sessions per target and round of the "
      + "latency phase after the throughput rounds: one client at a time, so each step's added latency is the door's "
      + "own and not queueing for saturated cores; as many rounds as --rounds, alternating; 0 skips it "
      + "(default: ${DEFAULT-VALUE}).")
  int latencySessions;

  @Option(names = "--targets", split = ",", defaultValue = "gateway,james,gateway-tls",
      description = "Targets in round order: gateway (the loopback plaintext door), james (James direct, plaintext), "
          + "gateway-tls (the implicit-TLS door; James direct has no TLS to compare it with), gateway-unpooled (the "
          + "plaintext door without greeted James connections kept ready) (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Mixin
  BenchOptions common;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ImapBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path home = BenchFiles.projectHome();
    Path resultsFile = common.resultsFile(home, "imap-benchmark");
    // Before the first logger: the harnesses' shared configuration (console: progress and warnings; file: everything).
    Path logFile = BenchOptions.logBeside(resultsFile);
    Logger log = LoggerFactory.getLogger(ImapBenchmark.class);

    Path jamesDistribution = home.resolve("james-backend").resolve("target").resolve("dist");
    String problem = null;
    if (users < 1 || messages < 1 || size < 256 || clients < 1 || sessions < 1 || bodies < 0 || idleMillis < 0
        || rounds < 1 || warmup < 0 || latencySessions < 0) {
      problem = "--users, --messages, --clients, --sessions and --rounds must be positive, --size at least 256, "
          + "--bodies, --idle-ms, --warmup and --latency-sessions at least 0";
    } else if (!KNOWN_TARGETS.containsAll(targets.stream().map(String::strip).toList())) {
      problem = "--targets: known targets are " + String.join(", ", KNOWN_TARGETS);
    } else if (bodies > messages) {
      problem = "--bodies must not exceed --messages";
    } else if (!Files.isDirectory(jamesDistribution.resolve("lib"))) {
      problem = "no James distribution at " + jamesDistribution + "; build it from the project root with: " + BUILD_COMMAND;
    }
    if (problem != null) {
      System.err.println("imap benchmark: " + problem);
      return 2;
    }

    List<String> names = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      names.add("imap-bench-" + u + "@" + DOMAIN);
    }
    Path dir = common.workDirectory("sovereign-imap-bench-");
    MachineInfo machine = MachineInfo.probe(dir);
    String loadBefore = MachineInfo.loadAverage();
    log.info("event=bench.start users={} messages={} clients={} sessions={} rounds={} dir={} results={}", users,
        messages, clients, sessions, rounds, dir, resultsFile);

    BenchServers servers = new BenchServers();
    Thread hook = new Thread(servers::close, "imap-benchmark-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    List<ImapRoundResult> measured = new ArrayList<>();
    List<ImapRoundResult> latency = new ArrayList<>();
    GatewayImapDoor door = null;
    try {
      servers.start(dir, jamesDistribution, common.jamesHeap(), DOMAIN, new LinkedHashSet<>(names), false, false,
          DeliverySettings.defaults());
      JamesSettings james = servers.james().settings();
      log.info("event=bench.imap.fill users={} messages={} size={}", users, messages, size);
      new InboxFiller(james.ports().lmtp(), new JamesMailboxes(servers.james().webAdmin().base()))
          .fill(names, messages, size);
      BenchServers.Database identityDb = servers.database("identity");
      door = GatewayImapDoor.start(dir.resolve("gateway"), identityDb.jdbcUrl(), identityDb.user(),
          identityDb.password(), names, james.ports().imap(), james.adminUser(), james.adminPassword());
      Endpoint direct = new Endpoint(JAMES, "127.0.0.1", james.ports().imap(), Optional.empty(),
          user -> BenchServers.USER_PASSWORD);
      Map<String, Endpoint> endpoints = Map.of(GATEWAY, door.plaintextEndpoint(GATEWAY), JAMES, direct,
          GATEWAY_TLS, door.tlsEndpoint(GATEWAY_TLS), GATEWAY_UNPOOLED, door.unpooledEndpoint(GATEWAY_UNPOOLED));
      List<Endpoint> order = new LinkedHashSet<>(targets.stream().map(String::strip).toList()).stream()
          .map(endpoints::get).toList();
      Duration idle = Duration.ofMillis(idleMillis);
      if (warmup > 0) {
        ImapWorkload warm = new ImapWorkload(names, clients, warmup, bodies, idle);
        for (Endpoint target : order) {
          warm.run(target, "warmup");
        }
      }
      ImapWorkload workload = new ImapWorkload(names, clients, sessions, bodies, idle);
      // Round r starts at target r-1 (mod n): no target always runs first, right after the warm-up or the TLS door.
      for (int r = 1; r <= rounds; r++) {
        for (int i = 0; i < order.size(); i++) {
          measured.add(workload.run(order.get((r - 1 + i) % order.size()), Integer.toString(r)));
        }
      }
      if (latencySessions > 0) {
        ImapWorkload oneClient = new ImapWorkload(names, 1, latencySessions, bodies, idle);
        for (int r = 1; r <= rounds; r++) {
          for (int i = 0; i < order.size(); i++) {
            latency.add(oneClient.run(order.get((r - 1 + i) % order.size()), "latency-" + r));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.error("event=bench.failed error=\"{}\"", e.getMessage(), e);
      System.err.println("imap benchmark failed: " + e.getMessage());
      System.err.println("kept for inspection: " + dir + " (James: james/logs/james.log); harness log: " + logFile);
      return 1;
    } finally {
      if (door != null) {
        door.close();
      }
      servers.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run; it found the servers closed.
      }
    }

    String settings = users + " users with " + messages + " messages of about " + size + " bytes in each INBOX; "
        + clients + " concurrent clients, " + sessions + " sessions each per target and round, " + rounds
        + " rounds (after " + warmup + " warm-up sessions per client and target), then "
        + (latencySessions > 0 ? rounds + " latency rounds of " + latencySessions + " sessions by one client" : "no latency rounds")
        + ", each visiting "
        + String.join(" → ", targets) + " with round r starting at the r-th; a session: connect, LOGIN, SELECT INBOX, FETCH 1:* (FLAGS ENVELOPE), "
        + bodies + " × FETCH n BODY.PEEK[], IDLE " + idleMillis + " ms, DONE, LOGOUT; gateway: the loopback "
        + "plaintext door (imap.plain-port), gateway-tls: the implicit-TLS door (self-signed EC P-256, TLS session "
        + "resumption left to the JDK client); gateway-unpooled: the plaintext door with no James connections "
        + "greeted ahead; all: app passwords checked by identity on MariaDB, James session "
        + "opened as its administrator for the user; James direct: plaintext IMAP, the user's James password; "
        + "James heap " + common.jamesHeap() + ".";
    ImapReport report = new ImapReport(machine, settings, loadBefore, MachineInfo.loadAverage(), common.note(), measured,
        latency);
    String markdown = report.markdown();
    BenchOptions.publish(resultsFile, markdown);
    common.finish(dir);
    return 0;
  }
}
