package eu.sovereignmail.bench;

import eu.sovereignmail.bench.smtp.BenchReport;
import eu.sovereignmail.bench.smtp.BenchServers;
import eu.sovereignmail.bench.smtp.JamesMailboxes;
import eu.sovereignmail.bench.common.BenchFiles;
import eu.sovereignmail.bench.common.BenchOptions;
import eu.sovereignmail.bench.common.MachineInfo;
import eu.sovereignmail.bench.smtp.PostfixInstance;
import eu.sovereignmail.bench.smtp.RoundResult;
import eu.sovereignmail.bench.smtp.RoundRunner;
import eu.sovereignmail.bench.smtp.SmtpSource;
import eu.sovereignmail.bench.smtp.Target;
import eu.sovereignmail.gateway.delivery.DeliverySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SMTP front-door benchmark (docs/benchmarks.md): accepted messages/s with 250-after-fsync for the gateway,
 * Apache James accepting directly, and Postfix, side by side in one run under the same load generator, plus the
 * rate at which accepted mail really arrives in James. Exists so that the goals (≥ 1.0× Postfix, ≥ 3× James
 * direct) are measured by a command anyone can rerun, not asserted.
 */
@Command(name = "run-smtp-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Accepted messages/s of the gateway, James direct and Postfix, side by side, and the gateway's rate "
        + "from accept to James. Every server runs on loopback with its state under one directory.")
public final class SmtpBenchmark implements Callable<Integer> {
  static final String DOMAIN = "bench.test";
  static final String BUILD_COMMAND = "./mvnw -q -B -pl james-backend,benchmarks -am package -DskipTests";

  @Option(names = "--messages", defaultValue = "2000", description = "Messages per server and round (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--sessions", defaultValue = "32", description = "Parallel SMTP sessions (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--size", defaultValue = "10240", description = "Payload bytes per message, headers not counted (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--rounds", defaultValue = "2", description = "Measured rounds; each visits every server in turn (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "200", description = "Warm-up messages per server before the rounds, not reported (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--targets", split = ",", defaultValue = "gateway,james,postfix",
      description = "Servers to measure, in round order (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(names = "--reuse-connections", description = "Send all of a session's messages over one connection (smtp-source -d) instead of one connection per message.")
  boolean reuseConnections;

  @Option(names = "--delivery-concurrency", description = "The gateway's delivery worker: messages delivered at once (default: the product's default).")
  Integer deliveryConcurrency;

  @Option(names = "--drain-timeout", defaultValue = "600", description = "Seconds to wait after a round's last 250 for delivery and queues to finish (default: ${DEFAULT-VALUE}).")
  int drainTimeoutSeconds;

  @Mixin
  BenchOptions common;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SmtpBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path home = BenchFiles.projectHome();
    Path resultsFile = common.resultsFile(home, "smtp-benchmark");
    // Before the first logger: the harness's own configuration (console: progress and warnings; file: everything).
    Path logFile = BenchOptions.logBeside(resultsFile);
    Logger log = LoggerFactory.getLogger(SmtpBenchmark.class);

    String problem = validate();
    Path jamesDistribution = home.resolve("james-backend").resolve("target").resolve("dist");
    if (problem == null && !Files.isDirectory(jamesDistribution.resolve("lib"))) {
      problem = "no James distribution at " + jamesDistribution + "; build it from the project root with: " + BUILD_COMMAND;
    }
    Path smtpSource = SmtpSource.find().orElse(null);
    if (problem == null && smtpSource == null) {
      problem = "smtp-source (Postfix's load generator) not found; install it: apt-get install postfix "
          + "(benchmarks/run-smtp-benchmark does so by itself)";
    }
    if (problem != null) {
      System.err.println("smtp benchmark: " + problem);
      return 2;
    }
    List<Target> order = new ArrayList<>(new LinkedHashSet<>(targets.stream().map(SmtpBenchmark::target).toList()));
    String postfixNote = "";
    if (order.contains(Target.POSTFIX) && !PostfixInstance.installed()) {
      order.remove(Target.POSTFIX);
      postfixNote = " Postfix left out: its package is not installed (apt-get install postfix).";
      log.warn("event=bench.postfix_missing action=skipped hint=\"apt-get install postfix\"");
    }

    List<String> roundNames = new ArrayList<>();
    roundNames.add("warmup");
    for (int r = 1; r <= rounds; r++) {
      roundNames.add(Integer.toString(r));
    }
    Set<String> users = new LinkedHashSet<>();
    for (Target target : order) {
      if (target.deliversToJames()) {
        roundNames.forEach(round -> users.add(target.recipient(round, DOMAIN)));
      }
    }

    Path dir = common.workDirectory("sovereign-smtp-bench-");
    DeliverySettings defaults = DeliverySettings.defaults();
    DeliverySettings delivery = deliveryConcurrency == null ? defaults
        : new DeliverySettings(deliveryConcurrency, defaults.pollInterval(), defaults.retry());
    MachineInfo machine = MachineInfo.probe(dir);
    String loadBefore = MachineInfo.loadAverage();
    log.info("event=bench.start targets={} messages={} rounds={} sessions={} size={} dir={} results={}",
        order.stream().map(Target::key).toList(), messages, rounds, sessions, size, dir, resultsFile);

    BenchServers servers = new BenchServers();
    Thread hook = new Thread(servers::close, "smtp-benchmark-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    List<RoundResult> measured = new ArrayList<>();
    String postfixVersion = "";
    try {
      servers.start(dir, jamesDistribution, common.jamesHeap(), DOMAIN, users, order.contains(Target.GATEWAY),
          order.contains(Target.POSTFIX), delivery);
      postfixVersion = servers.postfix().map(PostfixInstance::version).orElse("");
      JamesMailboxes mailboxes = new JamesMailboxes(servers.james().webAdmin().base());
      SmtpSource source = new SmtpSource(smtpSource, sessions, size, reuseConnections, dir.resolve("smtp-source.log"));
      RoundRunner runner = new RoundRunner(servers, source, mailboxes, DOMAIN, Duration.ofSeconds(drainTimeoutSeconds));
      if (warmup > 0) {
        for (Target target : order) {
          runner.run(target, "warmup", warmup);
        }
      }
      for (int r = 1; r <= rounds; r++) {
        for (Target target : order) {
          measured.add(runner.run(target, Integer.toString(r), messages));
        }
      }
    } catch (IOException | RuntimeException e) {
      log.error("event=bench.failed error=\"{}\"", e.getMessage(), e);
      System.err.println("smtp benchmark failed: " + e.getMessage());
      System.err.println("kept for inspection: " + dir + " (James: james/logs/james.log, Postfix: postfix/maillog, "
          + "load generator: smtp-source.log); harness log: " + logFile);
      return 1;
    } finally {
      servers.close();
      removeHook(hook);
    }

    String settings = messages + " messages of " + size + " bytes per server and round, " + rounds + " rounds (after "
        + warmup + " warm-up messages each), rounds alternate " + String.join(" → ", order.stream().map(Target::label).toList())
        + "; load: smtp-source" + (postfixVersion.isEmpty() ? "" : " (Postfix " + postfixVersion + ")") + " -s " + sessions
        + " -l " + size + (reuseConnections ? " -d (connections reused)" : " (one connection per message)")
        + "; gateway: MX listener, spool group commit, delivery concurrency " + delivery.concurrency()
        + " to James over LMTP with the archive journal on the same MariaDB; James heap " + common.jamesHeap() + "." + postfixNote;
    BenchReport report = new BenchReport(machine, settings, loadBefore, MachineInfo.loadAverage(), common.note(), measured);
    String markdown = report.markdown();
    BenchOptions.publish(resultsFile, markdown);
    common.finish(dir);
    return 0;
  }

  private String validate() {
    if (messages < 1 || sessions < 1 || size < 1 || rounds < 1 || warmup < 0 || drainTimeoutSeconds < 1) {
      return "--messages, --sessions, --size, --rounds and --drain-timeout must be positive, --warmup at least 0";
    }
    if (deliveryConcurrency != null && deliveryConcurrency < 1) {
      return "--delivery-concurrency must be at least 1";
    }
    try {
      targets.forEach(SmtpBenchmark::target);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return null;
  }

  private static Target target(String name) {
    for (Target target : EnumSet.allOf(Target.class)) {
      if (target.key().equalsIgnoreCase(name.strip())) {
        return target;
      }
    }
    throw new IllegalArgumentException("--targets: unknown server " + name + " (gateway, james, postfix)");
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; it found the servers closed.
    }
  }
}
