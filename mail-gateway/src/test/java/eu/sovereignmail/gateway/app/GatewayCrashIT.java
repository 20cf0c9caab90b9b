package eu.sovereignmail.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.testing.GatewayConfigs;
import eu.sovereignmail.gateway.testing.GatewayProcess;
import eu.sovereignmail.gateway.testing.RawSmtpClient;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The promise of the gateway: a message that got a 250 is never lost. Clients send concurrently while the gateway
 * process is SIGKILLed at a random point; after a restart on the same data directory every acknowledged message is
 * in James and in the archive journal, byte for byte as the gateway spooled it.
 */
class GatewayCrashIT {
  private static final String DOMAIN = "crash.test";
  private static final int MESSAGES = 160;
  private static final int SENDERS = 16;

  @Test
  void everyAcknowledgedMessageSurvivesAKillNineMidFlight() throws Exception {
    Backends backends = Backends.get();
    backends.users(DOMAIN, "rita");
    Path data = backends.newDirectory("crash");
    int mx = Ports.freeLoopbackPort();
    String yaml = GatewayConfigs.yaml(backends, data, "mx." + DOMAIN, "crash_it", mx, "");
    Path config = GatewayConfigs.write(data.resolve("gateway.yml"), yaml);
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    int killAfter = ThreadLocalRandom.current().nextInt(30, 110);

    GatewayProcess gateway = new GatewayProcess(config, data.resolve("gateway.log"), mx).start();
    try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
      for (int i = 0; i < MESSAGES; i++) {
        String subject = "crash-test " + i;
        senders.execute(() -> {
          try {
            String reply = RawSmtpClient.send(mx, "sender@outside.example", "rita@" + DOMAIN,
                "From: sender@outside.example\r\nTo: rita@" + DOMAIN + "\r\nSubject: " + subject + "\r\n\r\n"
                    + "body of " + subject + "\r\n" + "x".repeat(900) + "\r\n");
            if (reply != null && reply.startsWith("250")) {
              acknowledged.put(subject, reply.substring(reply.lastIndexOf(' ') + 1).strip());
            }
          } catch (IOException refusedOrCut) {
            // the gateway is down or was killed mid-dialogue: not acknowledged, so the sender keeps it
          }
          answered.incrementAndGet();
        });
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= killAfter);
      gateway.kill();
    }
    int acked = acknowledged.size();
    System.out.printf("crash IT: killed the gateway after %d of %d messages were acknowledged%n", acked, MESSAGES);
    assertThat(acked).isGreaterThanOrEqualTo(killAfter);

    gateway = new GatewayProcess(config, data.resolve("gateway.log"), mx).start();
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> spoolIsEmpty(data));
      List<String> inbox = backends.inboxSubjects("rita@" + DOMAIN);
      assertThat(inbox).containsAll(acknowledged.keySet());
      // Read beside the running gateway: no indexer here (the gateway's owns the index).
      ArchiveSettings settings = new ArchiveSettings(backends.mariaDb().jdbcUrl("crash_it"), "crash_it",
          "crash_it-secret", data.resolve("archive").resolve("blobs"), data.resolve("archive").resolve("archive.keys"));
      try (Archive archive = Archive.open(settings.withSearch(settings.search().withIndexer(false)))) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
          try {
            String journaled = new String(archive.journal().read(entry.getValue()), StandardCharsets.UTF_8);
            if (!journaled.contains("Subject: " + entry.getKey() + "\r\n")) {
              missing.add(entry.getKey());
            }
          } catch (IllegalArgumentException notJournaled) {
            missing.add(entry.getKey());
          }
        }
        assertThat(missing).as("acknowledged but not journaled").isEmpty();
      }
    } finally {
      gateway.stop();
    }
  }

  private static boolean spoolIsEmpty(Path data) throws IOException {
    try (var files = Files.list(data.resolve("spool"))) {
      return files.noneMatch(f -> f.getFileName().toString().endsWith(".spool"));
    }
  }
}
