package eu.sovereignmail.archive.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalEntryTest {
  private static final Instant RECEIVED = Instant.parse("2026-05-12T08:30:00.123456789Z");
  private static final Instant JOURNALED = Instant.parse("2026-05-12T08:30:01.5Z");
  private static final Envelope ENVELOPE = new Envelope("alice@example.eu",
      List.of("bob@example.org", "hidden-bcc@example.org"), Direction.OUTBOUND, "192.0.2.10", "alice",
      "gw-1", RECEIVED);
  private static final String SHA = "ab".repeat(32);
  private static final CanonicalEntry ENTRY =
      new CanonicalEntry(1, 7, "spool-7", SHA, 1234, ENVELOPE, JOURNALED, CanonicalEntry.GENESIS_HASH);

  @Test
  void isStableAcrossInstancesAndKeepsMicroseconds() {
    CanonicalEntry same = new CanonicalEntry(1, 7, "spool-7", SHA, 1234,
        new Envelope("alice@example.eu", List.of("bob@example.org", "hidden-bcc@example.org"), Direction.OUTBOUND,
            "192.0.2.10", "alice", "gw-1", Instant.parse("2026-05-12T08:30:00.123456Z")),
        JOURNALED, CanonicalEntry.GENESIS_HASH);

    assertThat(same.hash()).isEqualTo(ENTRY.hash()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(ENVELOPE.receivedAt()).isEqualTo(Instant.parse("2026-05-12T08:30:00.123456Z"));
  }

  @Test
  void pinsVersionOneEncoding() {
    // Changing the encoding silently would make every stored entry fail verify: bump the version instead.
    assertThat(ENTRY.hash()).isEqualTo("e03212e994072c4e85f5def0d4654bfa6443479d86029c93150a227bc5ee2c58");
  }

  @Test
  void everyFieldChangesTheHash() {
    List<UnaryOperator<CanonicalEntry>> changes = List.of(
        e -> new CanonicalEntry(1, 8, e.spoolRecordId(), e.messageSha256(), e.messageSize(), e.envelope(), e.journaledAt(), e.prevHash()),
        e -> new CanonicalEntry(1, e.seq(), "spool-8", e.messageSha256(), e.messageSize(), e.envelope(), e.journaledAt(), e.prevHash()),
        e -> new CanonicalEntry(1, e.seq(), e.spoolRecordId(), "cd".repeat(32), e.messageSize(), e.envelope(), e.journaledAt(), e.prevHash()),
        e -> new CanonicalEntry(1, e.seq(), e.spoolRecordId(), e.messageSha256(), 1235, e.envelope(), e.journaledAt(), e.prevHash()),
        e -> withEnvelope(e, new Envelope("", ENVELOPE.recipients(), Direction.OUTBOUND, "192.0.2.10", "alice", "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", List.of("bob@example.org"), Direction.OUTBOUND, "192.0.2.10", "alice", "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", List.of("hidden-bcc@example.org", "bob@example.org"), Direction.OUTBOUND, "192.0.2.10", "alice", "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", ENVELOPE.recipients(), Direction.INTERNAL, "192.0.2.10", "alice", "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", ENVELOPE.recipients(), Direction.OUTBOUND, null, "alice", "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", ENVELOPE.recipients(), Direction.OUTBOUND, "192.0.2.10", null, "gw-1", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", ENVELOPE.recipients(), Direction.OUTBOUND, "192.0.2.10", "alice", "gw-2", RECEIVED)),
        e -> withEnvelope(e, new Envelope("alice@example.eu", ENVELOPE.recipients(), Direction.OUTBOUND, "192.0.2.10", "alice", "gw-1", RECEIVED.plusNanos(1000))),
        e -> new CanonicalEntry(1, e.seq(), e.spoolRecordId(), e.messageSha256(), e.messageSize(), e.envelope(), e.journaledAt().plusSeconds(1), e.prevHash()),
        e -> new CanonicalEntry(1, e.seq(), e.spoolRecordId(), e.messageSha256(), e.messageSize(), e.envelope(), e.journaledAt(), "1".repeat(64)));

    for (UnaryOperator<CanonicalEntry> change : changes) {
      assertThat(change.apply(ENTRY).hash()).isNotEqualTo(ENTRY.hash());
    }
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    Envelope ab = new Envelope("a", List.of("bc"), Direction.INBOUND, null, null, "gw", RECEIVED);
    Envelope abc = new Envelope("ab", List.of("c"), Direction.INBOUND, null, null, "gw", RECEIVED);
    assertThat(withEnvelope(ENTRY, ab).hash()).isNotEqualTo(withEnvelope(ENTRY, abc).hash());
    Envelope absent = new Envelope("a", List.of("b"), Direction.INBOUND, null, null, "gw", RECEIVED);
    Envelope empty = new Envelope("a", List.of("b"), Direction.INBOUND, "", null, "gw", RECEIVED);
    assertThat(withEnvelope(ENTRY, absent).hash()).isNotEqualTo(withEnvelope(ENTRY, empty).hash());
  }

  @Test
  void unknownVersionsAreRefused() {
    CanonicalEntry future = new CanonicalEntry(2, 7, "spool-7", SHA, 1234, ENVELOPE, JOURNALED, CanonicalEntry.GENESIS_HASH);
    assertThatThrownBy(future::hash).hasMessageContaining("unknown journal entry hash version 2");
  }

  private static CanonicalEntry withEnvelope(CanonicalEntry e, Envelope envelope) {
    return new CanonicalEntry(e.version(), e.seq(), e.spoolRecordId(), e.messageSha256(), e.messageSize(), envelope,
        e.journaledAt(), e.prevHash());
  }
}
