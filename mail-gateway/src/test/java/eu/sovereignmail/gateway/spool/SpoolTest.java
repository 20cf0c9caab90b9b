package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  static byte[] read(Spool spool, EntryId id) throws IOException {
    try (InputStream in = spool.openMessage(id)) {
      return in.readAllBytes();
    }
  }

  static List<Path> spoolFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".spool")).toList();
    }
  }

  @Test
  void acceptedMessagesSurviveReopenByteForByte() throws Exception {
    Envelope envelope = TestEnvelopes.envelope();
    byte[] message = TestEnvelopes.messageFor(envelope.id());
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      SpoolEntry entry = spool.accept(envelope, new ByteArrayInputStream(message)).get();
      assertThat(entry.envelope()).isEqualTo(envelope);
      assertThat(entry.messageSize()).isEqualTo(message.length);
      assertThat(read(spool, envelope.id())).isEqualTo(message);
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(spool.recover()).singleElement().satisfies(e -> {
        assertThat(e.envelope()).isEqualTo(envelope);
        assertThat(e.journaled()).isFalse();
        assertThat(e.recipients()).allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.PENDING));
      });
      assertThat(read(spool, envelope.id())).isEqualTo(message);
    }
  }

  @Test
  void streamsDataInAsItArrivesAndAbortLeavesNothing() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      Envelope envelope = TestEnvelopes.envelope();
      SpoolWriter writer = spool.begin(envelope);
      writer.write(ByteBuffer.wrap("Subject: a\r\n".getBytes()));
      writer.write("\r\nbody\r\n".getBytes(), 0, 8);
      assertThat(writer.size()).isEqualTo(20);
      assertThat(spool.list()).as("not visible before the commit is durable").isEmpty();
      writer.commit().get();
      assertThat(read(spool, envelope.id())).isEqualTo("Subject: a\r\n\r\nbody\r\n".getBytes());
      assertThatThrownBy(() -> writer.write(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);

      SpoolWriter aborted = spool.begin(TestEnvelopes.envelope());
      aborted.write(new byte[100], 0, 100);
      aborted.abort();
      assertThat(spoolFiles(dir)).hasSize(1);
    }
  }

  @Test
  void stateIsReplayedAndAnEntryLeavesOnlyWhenJournaledAndFinal() throws Exception {
    Envelope envelope = TestEnvelopes.envelope();
    Instant retryAt = Instant.parse("2030-01-01T00:00:00Z");
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      spool.accept(envelope, new ByteArrayInputStream(new byte[] {'x'})).get();
      spool.markRecipient(envelope.id(), "bob@example.eu", new DeliveryOutcome.Deferred("451 4.4.1 later", retryAt)).get();
      spool.markRecipient(envelope.id(), "carol@example.eu", new DeliveryOutcome.Failed("550 5.1.1 no such user")).get();
      assertThat(spool.pending(Instant.parse("2029-01-01T00:00:00Z"))).as("journaling is due").hasSize(1);
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      SpoolEntry entry = spool.recover().getFirst();
      assertThat(entry.recipients().get(0)).isEqualTo(new RecipientState(envelope.recipients().get(0), DeliveryStatus.PENDING, 1, retryAt, "451 4.4.1 later"));
      assertThat(entry.recipients().get(1).status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(entry.lastError()).contains("550 5.1.1 no such user");
      spool.markJournaled(envelope.id()).get();
      assertThat(spool.pending(Instant.parse("2029-01-01T00:00:00Z"))).isEmpty();
      assertThat(spool.pending(retryAt)).hasSize(1);
      assertThat(spool.get(envelope.id()).orElseThrow().nextAttempt()).contains(retryAt);
      spool.markRecipient(envelope.id(), "bob@example.eu", new DeliveryOutcome.Delivered()).get();
      assertThat(spool.list()).isEmpty();
      assertThat(spoolFiles(dir)).isEmpty();
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(spool.recover()).isEmpty();
    }
  }

  @Test
  void unknownEntriesAndRecipientsFailTheFuture() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      Envelope envelope = TestEnvelopes.envelope();
      spool.accept(envelope, new ByteArrayInputStream(new byte[0])).get();
      assertThatThrownBy(() -> spool.markJournaled(EntryId.next()).get()).isInstanceOf(ExecutionException.class);
      assertThatThrownBy(() -> spool.markRecipient(envelope.id(), "nobody@example.eu", new DeliveryOutcome.Delivered()).get())
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void listsOldestFirstAndOneProcessPerDirectory() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      Envelope first = TestEnvelopes.envelope();
      Envelope second = TestEnvelopes.envelope();
      spool.accept(second, new ByteArrayInputStream(new byte[1])).get();
      spool.accept(first, new ByteArrayInputStream(new byte[1])).get();
      assertThat(spool.list()).extracting(SpoolEntry::id).containsExactly(first.id(), second.id());
      assertThatThrownBy(() -> Spool.open(dir, SpoolSettings.defaults())).isInstanceOf(SpoolIoException.class);
    }
  }

  @Test
  void idsAreTimeOrderedUuidV7() {
    EntryId previous = EntryId.next();
    for (int i = 0; i < 10_000; i++) {
      EntryId next = EntryId.next();
      assertThat(next).isGreaterThan(previous);
      assertThat(next.toString().compareTo(previous.toString())).isPositive();
      previous = next;
    }
    assertThat(previous.uuid().version()).isEqualTo(7);
    assertThat(previous.uuid().variant()).isEqualTo(2);
    assertThat(previous.timestamp()).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
    assertThat(EntryId.parse(previous.toString())).isEqualTo(previous);
  }
}
