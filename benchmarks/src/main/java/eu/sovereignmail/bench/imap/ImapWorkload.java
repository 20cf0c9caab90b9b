package eu.sovereignmail.bench.imap;

import eu.sovereignmail.bench.common.ProcessCpu;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's IMAP workload, the same for every target: {@code clients} concurrent clients, each running
 * {@code sessionsPerClient} sessions of connect, LOGIN, SELECT INBOX, FETCH 1:* (FLAGS ENVELOPE), a few
 * BODY.PEEK[] fetches, IDLE for a moment, DONE, LOGOUT; every step timed on its own.
 */
public final class ImapWorkload {
  private static final Logger LOG = LoggerFactory.getLogger(ImapWorkload.class);

  private final List<String> users;
  private final int clients;
  private final int sessionsPerClient;
  private final int bodies;
  private final Duration idle;

  public ImapWorkload(List<String> users, int clients, int sessionsPerClient, int bodies, Duration idle) {
    this.users = List.copyOf(users);
    this.clients = clients;
    this.sessionsPerClient = sessionsPerClient;
    this.bodies = bodies;
    this.idle = Objects.requireNonNull(idle, "idle");
    if (this.users.isEmpty() || clients < 1 || sessionsPerClient < 1 || bodies < 0) {
      throw new IllegalArgumentException("users, clients and sessions must be positive, bodies at least 0");
    }
  }

  /** Runs one round against {@code target}; a session that fails is counted and logged, the others go on. */
  public ImapRoundResult run(Endpoint target, String round) throws IOException {
    Latencies latencies = new Latencies();
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ProcessCpu cpuBefore = ProcessCpu.now();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String user = users.get(c % users.size());
        running.add(pool.submit(() -> {
          for (int s = 0; s < sessionsPerClient; s++) {
            try {
              session(target, user, latencies);
              completed.incrementAndGet();
            } catch (IOException e) {
              failed.incrementAndGet();
              LOG.warn("event=bench.imap.session_failed target={} user={} error=\"{}\"", target.name(), user,
                  e.getMessage());
            }
          }
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during round " + round, e);
    } catch (ExecutionException e) {
      throw new IOException("a client of round " + round + " failed: " + e.getCause(), e.getCause());
    }
    long nanos = System.nanoTime() - start;
    ProcessCpu cpu = ProcessCpu.now().since(cpuBefore);
    ImapRoundResult result = new ImapRoundResult(round, target.name(), completed.get(), failed.get(), nanos, latencies,
        cpu);
    LOG.info("event=bench.imap.round round={} target={} sessions={} failures={} seconds={} sessions_per_s={} cpu_ms={}",
        round, target.name(), completed.get(), failed.get(), String.format("%.2f", nanos / 1e9),
        String.format("%.1f", result.sessionsPerSecond()), cpu.byProcess().entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().toMillis()).sorted().toList());
    if (completed.get() == 0) {
      throw new IOException("no session of round " + round + " against " + target.name() + " succeeded; see the log");
    }
    return result;
  }

  private void session(Endpoint target, String user, Latencies latencies) throws IOException {
    long t = System.nanoTime();
    try (ImapClient client = ImapClient.connect(target.host(), target.port(), target.tls())) {
      t = lap(latencies, Step.CONNECT, t);
      client.greeting();
      t = lap(latencies, Step.GREETING, t);
      client.command("LOGIN " + quoted(user) + " " + quoted(target.passwordOf().apply(user)));
      t = lap(latencies, Step.LOGIN, t);
      client.command("SELECT INBOX");
      t = lap(latencies, Step.SELECT, t);
      client.command("FETCH 1:* (FLAGS ENVELOPE)");
      t = lap(latencies, Step.FETCH_HEADERS, t);
      for (int i = 1; i <= bodies; i++) {
        client.command("FETCH " + i + " BODY.PEEK[]");
        t = lap(latencies, Step.FETCH_BODY, t);
      }
      String tag = client.idle();
      lap(latencies, Step.IDLE, t);
      sleep(idle);
      t = System.nanoTime();
      client.done(tag);
      t = lap(latencies, Step.DONE, t);
      client.logout();
      lap(latencies, Step.LOGOUT, t);
    }
  }

  private static long lap(Latencies latencies, Step step, long since) {
    long now = System.nanoTime();
    latencies.add(step, now - since);
    return now;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while idling", e);
    }
  }
}
