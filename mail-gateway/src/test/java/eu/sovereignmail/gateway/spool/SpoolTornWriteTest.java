package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A torn or damaged file never yields a corrupt entry, and never costs a committed neighbour. */
class SpoolTornWriteTest {
  @TempDir static Path source;
  @TempDir Path work;

  private static final byte[] TORN_MESSAGE = "Subject: torn\r\n\r\nshort body\r\n".getBytes();

  static Envelope kept;
  static byte[] keptFile;
  static Envelope torn;
  static byte[] tornFile;
  static int messageEnd;
  static int journaledEnd;

  @BeforeAll
  static void writeTwoEntries() throws Exception {
    try (Spool spool = Spool.open(source, SpoolSettings.defaults())) {
      kept = TestEnvelopes.envelope();
      spool.accept(kept, new ByteArrayInputStream(TestEnvelopes.messageFor(kept.id()))).get();
      spool.markJournaled(kept.id()).get();
      torn = TestEnvelopes.envelope();
      spool.accept(torn, new ByteArrayInputStream(TORN_MESSAGE)).get();
      messageEnd = (int) Files.size(file(source, torn));
      spool.markJournaled(torn.id()).get();
      journaledEnd = (int) Files.size(file(source, torn));
      spool.markRecipient(torn.id(), "bob@example.eu", new DeliveryOutcome.Deferred("451 later", Instant.EPOCH)).get();
    }
    keptFile = Files.readAllBytes(file(source, kept));
    tornFile = Files.readAllBytes(file(source, torn));
  }

  static Path file(Path dir, Envelope envelope) {
    return dir.resolve(envelope.id() + ".spool");
  }

  @Test
  void truncationAtEveryOffset() throws Exception {
    for (int cut = 0; cut <= tornFile.length; cut++) {
      Path dir = Files.createDirectory(work.resolve("cut-" + cut));
      Files.write(file(dir, kept), keptFile);
      Files.write(file(dir, torn), Arrays.copyOf(tornFile, cut));
      try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
        assertKeptIsIntact(spool);
        if (cut < messageEnd) {
          assertThat(spool.get(torn.id())).as("cut %d: never committed", cut).isEmpty();
          assertThat(file(dir, torn)).doesNotExist();
        } else {
          SpoolEntry entry = spool.get(torn.id()).orElseThrow();
          assertThat(SpoolTest.read(spool, torn.id())).isEqualTo(TORN_MESSAGE);
          assertThat(entry.journaled()).as("cut %d", cut).isEqualTo(cut >= journaledEnd);
          assertThat(entry.recipients().getFirst().attempts()).as("cut %d", cut).isEqualTo(cut == tornFile.length ? 1 : 0);
          assertThat(Files.size(file(dir, torn))).as("torn tail cut off").isEqualTo(cut == tornFile.length ? cut : cut >= journaledEnd ? journaledEnd : messageEnd);
        }
      }
    }
  }

  @Test
  void aFlippedByteAnywhereIsDetected() throws Exception {
    for (int at = 0; at < tornFile.length; at++) {
      Path dir = Files.createDirectory(work.resolve("flip-" + at));
      Files.write(file(dir, kept), keptFile);
      byte[] damaged = tornFile.clone();
      damaged[at] ^= 0x20;
      Files.write(file(dir, torn), damaged);
      try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
        assertKeptIsIntact(spool);
        if (at < messageEnd) {
          assertThat(spool.get(torn.id())).as("flip at %d", at).isEmpty();
        } else {
          assertThat(spool.get(torn.id()).orElseThrow().recipients().getFirst().attempts()).as("flip at %d", at).isZero();
        }
      }
    }
  }

  private static void assertKeptIsIntact(Spool spool) throws Exception {
    SpoolEntry entry = spool.get(kept.id()).orElseThrow();
    assertThat(entry.envelope()).isEqualTo(kept);
    assertThat(entry.journaled()).isTrue();
    assertThat(SpoolTest.read(spool, kept.id())).isEqualTo(TestEnvelopes.messageFor(kept.id()));
  }
}
