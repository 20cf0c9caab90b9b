package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real crash: SIGKILL a child JVM mid-commit, reopen, and find every acknowledged message byte for byte. */
class SpoolCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolCrashIT.class);

  @TempDir Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
    Random random = new Random();
    Set<EntryId> committed = new HashSet<>();
    Set<EntryId> journaled = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      Set<String> printed = ConcurrentHashMap.newKeySet();
      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              SpoolCrashChild.class.getName(), dir.toString(), "6")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      Thread reader = Thread.ofPlatform().start(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            if (line.endsWith(" .")) {
              printed.add(line);
            }
          }
        } catch (java.io.IOException closed) {
          // the child died; what was read is what counts
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (printed.stream().filter(l -> l.startsWith("C ")).count() < 20 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(10);
      }
      Thread.sleep(random.nextInt(700));
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      assertThat(printed).noneMatch(l -> l.startsWith("E "));
      for (String line : printed) {
        String[] parts = line.split(" ");
        if (parts[0].equals("C")) {
          committed.add(EntryId.parse(parts[1]));
        } else if (parts[0].equals("J")) {
          journaled.add(EntryId.parse(parts[1]));
        }
      }
      assertThat(committed).as("round %d acknowledged commits", round).hasSizeGreaterThanOrEqualTo(20 * (round + 1));

      try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
        List<SpoolEntry> recovered = spool.recover();
        LOG.info("event=crash_round round={} acknowledged={} recovered={}", round, committed.size(), recovered.size());
        for (EntryId id : committed) {
          SpoolEntry entry = spool.get(id).orElseThrow(() -> new AssertionError("lost acknowledged commit " + id));
          assertThat(SpoolTest.read(spool, id)).as("content of %s", id).isEqualTo(TestEnvelopes.messageFor(id));
          assertThat(entry.envelope().mailFrom()).isEqualTo("alice@example.eu");
          if (journaled.contains(id)) {
            assertThat(entry.journaled()).as("journaled flag of %s", id).isTrue();
          }
        }
        assertThat(recovered).allSatisfy(e -> assertThat(SpoolTest.read(spool, e.id())).isEqualTo(TestEnvelopes.messageFor(e.id())));
      }
    }
  }
}
