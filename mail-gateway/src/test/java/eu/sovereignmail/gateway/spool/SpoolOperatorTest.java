package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reached destinations, hold/release, retry-now and delete are durable: a reopened spool replays them. */
class SpoolOperatorTest {
  @TempDir Path dir;

  @Test
  void reachedDestinationsHoldAndRetryNowSurviveReopen() throws Exception {
    Envelope envelope = TestEnvelopes.envelope("dora@example.eu", "leo@example.eu");
    Instant later = Instant.now().plusSeconds(600);
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      spool.accept(envelope, new ByteArrayInputStream(TestEnvelopes.messageFor(envelope.id()))).join();
      spool.markJournaled(envelope.id()).join();
      spool.markReached(envelope.id(), "dora@example.eu", Destination.JAMES).join();
      spool.markRecipient(envelope.id(), "dora@example.eu", new DeliveryOutcome.Deferred("451 4.4.1 legacy down", later)).join();
      spool.markRecipient(envelope.id(), "leo@example.eu", new DeliveryOutcome.Deferred("451 4.4.1 legacy down", later)).join();
      spool.hold(envelope.id(), true).join();
      assertThat(spool.pending(later.plusSeconds(1))).isEmpty();
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      SpoolEntry entry = spool.get(envelope.id()).orElseThrow();
      assertThat(entry.held()).isTrue();
      assertThat(entry.recipients().get(0).reached()).containsExactly(Destination.JAMES);
      assertThat(entry.recipients().get(0).nextAttempt()).isNotNull();

      spool.hold(envelope.id(), false).join();
      spool.retryNow(envelope.id()).join();
      assertThat(spool.pending(Instant.now())).extracting(SpoolEntry::id).containsExactly(envelope.id());
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      SpoolEntry entry = spool.get(envelope.id()).orElseThrow();
      assertThat(entry.held()).isFalse();
      assertThat(entry.recipients()).allSatisfy(r -> {
        assertThat(r.nextAttempt()).isNull();
        assertThat(r.attempts()).isEqualTo(1);
      });
      assertThat(entry.recipients().get(0).reached()).containsExactly(Destination.JAMES);
    }
  }

  @Test
  void listenersHearOfCommitsReleasesAndRetriesButNotOfHolds() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    Envelope envelope = TestEnvelopes.envelope();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      spool.addListener(new SpoolListener() {
        @Override
        public void committed(SpoolEntry entry) {
          heard.add("committed " + entry.id());
        }

        @Override
        public void due(EntryId id) {
          heard.add("due " + id);
        }
      });
      spool.addListener(new SpoolListener() {
        @Override
        public void committed(SpoolEntry entry) {
          throw new IllegalStateException("a broken listener must not stop the others or the commit");
        }
      });
      spool.accept(envelope, new ByteArrayInputStream(TestEnvelopes.messageFor(envelope.id()))).join();
      spool.hold(envelope.id(), true).join();
      spool.hold(envelope.id(), false).join();
      spool.retryNow(envelope.id()).join();
    }
    assertThat(heard).containsExactly("committed " + envelope.id(), "due " + envelope.id(), "due " + envelope.id());
  }

  @Test
  void deleteRemovesTheEntryForGood() throws Exception {
    Envelope envelope = TestEnvelopes.envelope();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      spool.accept(envelope, new ByteArrayInputStream(TestEnvelopes.messageFor(envelope.id()))).join();
      assertThat(spool.delete(envelope.id())).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(envelope.id()));
      assertThat(spool.delete(envelope.id())).isEmpty();
      assertThat(spool.list()).isEmpty();
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(spool.recover()).isEmpty();
      assertThat(SpoolTest.spoolFiles(dir)).isEmpty();
    }
  }
}
