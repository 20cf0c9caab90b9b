package eu.sovereignmail.bench.smtp;

import eu.sovereignmail.gateway.spool.SpoolStats;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round against one server: smtp-source sends the round's messages to that server's round recipient, then
 * the runner waits until the server is idle again (James holds every message, the gateway's spool is empty,
 * Postfix's queue is empty) so that no round's background work is billed to the next server.
 */
public final class RoundRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RoundRunner.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final BenchServers servers;
  private final SmtpSource source;
  private final JamesMailboxes mailboxes;
  private final String domain;
  private final Duration drainTimeout;

  public RoundRunner(BenchServers servers, SmtpSource source, JamesMailboxes mailboxes, String domain,
      Duration drainTimeout) {
    this.servers = servers;
    this.source = source;
    this.mailboxes = mailboxes;
    this.domain = domain;
    this.drainTimeout = drainTimeout;
  }

  public RoundResult run(Target target, String round, int messages) throws IOException {
    String recipient = target.recipient(round, domain);
    SpoolStats before = servers.gateway().map(GatewayFrontDoor::spoolStats).orElse(null);
    long started = System.nanoTime();
    ExternalCommand.Finished load = source.send(port(target), messages, recipient);
    if (!load.succeeded()) {
      throw new IOException(target.label() + ", round " + round + ": smtp-source exited with " + load.exitCode()
          + ", so not every message got a 250: " + load.outputTail());
    }
    OptionalLong inJamesAtLastAccept = OptionalLong.empty();
    OptionalLong endToEnd = OptionalLong.empty();
    OptionalDouble meanBatch = OptionalDouble.empty();
    if (target.deliversToJames()) {
      inJamesAtLastAccept = OptionalLong.of(mailboxes.inboxCount(recipient));
      awaitIdle(target, round, () -> inbox(recipient) >= messages,
          () -> inbox(recipient) + " of " + messages + " messages in James");
      endToEnd = OptionalLong.of(System.nanoTime() - started);
    }
    if (target == Target.GATEWAY) {
      GatewayFrontDoor gateway = servers.gateway().orElseThrow();
      awaitIdle(target, round, gateway::spoolEmpty, () -> "the spool still holds entries");
      SpoolStats after = gateway.spoolStats();
      long batches = after.batches() - before.batches();
      meanBatch = batches == 0 ? OptionalDouble.empty()
          : OptionalDouble.of((double) (after.requests() - before.requests()) / batches);
    }
    if (target == Target.POSTFIX) {
      PostfixInstance postfix = servers.postfix().orElseThrow();
      awaitIdle(target, round, () -> queued(postfix) == 0, () -> queued(postfix) + " files in Postfix's queue");
    }
    RoundResult result = new RoundResult(round, target, messages, load.nanos(), inJamesAtLastAccept, endToEnd, meanBatch);
    LOG.info("event=bench.round target={} round={} messages={} accept_s={} accepted_per_s={} end_to_end_per_s={}",
        target.key(), round, messages, String.format("%.2f", RoundResult.seconds(load.nanos())),
        String.format("%.0f", result.acceptedPerSecond()),
        result.endToEndPerSecond().isPresent() ? String.format("%.0f", result.endToEndPerSecond().getAsDouble()) : "-");
    return result;
  }

  private int port(Target target) {
    return switch (target) {
      case GATEWAY -> servers.gatewayPort();
      case JAMES -> servers.james().settings().ports().smtp();
      case POSTFIX -> servers.postfix().orElseThrow().port();
    };
  }

  private void awaitIdle(Target target, String round, BooleanSupplier idle, Supplier<String> state)
      throws IOException {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (!idle.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(target.label() + ", round " + round + ": not done " + drainTimeout.toSeconds()
            + " s after the last 250 (" + state.get() + "); raise --drain-timeout or see the server logs");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + target.label(), e);
      }
    }
  }

  private long inbox(String recipient) {
    try {
      return mailboxes.inboxCount(recipient);
    } catch (IOException e) {
      LOG.warn("event=bench.inbox_count_failed recipient={} error=\"{}\"", recipient, e.getMessage());
      return -1;
    }
  }

  private static long queued(PostfixInstance postfix) {
    try {
      return postfix.queuedFiles();
    } catch (IOException e) {
      // A queue file can vanish while the directory is walked; count again at the next poll.
      return Long.MAX_VALUE;
    }
  }
}
