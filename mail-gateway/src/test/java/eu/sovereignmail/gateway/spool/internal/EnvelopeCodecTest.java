package eu.sovereignmail.gateway.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
  private static Envelope full() {
    return new Envelope(EntryId.next(), Instant.parse("2026-11-23T20:00:00.123456789Z"), Direction.OUTBOUND, "jörg@bücher.example",
        List.of(new Recipient("用户@例子.广告", Set.of(DsnNotify.DELAY, DsnNotify.FAILURE), new OriginalRecipient("utf-8", "用户@例子.广告")),
            Recipient.of("bob@example.eu")),
        eu.sovereignmail.gateway.smtp.DsnRet.FULL, "ENV-1", BodyType.EIGHT_BIT_MIME, true, "2001:db8::7", "client.example", "alice@example.eu");
  }

  private static Envelope minimal() {
    return new Envelope(EntryId.next(), Instant.EPOCH, Direction.INBOUND, null, List.of(Recipient.of("postmaster")), null, null,
        BodyType.SEVEN_BIT, false, "192.0.2.1", "", null);
  }

  @Test
  void roundTripsEveryField() throws Exception {
    for (Envelope envelope : List.of(full(), minimal())) {
      assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(envelope))).isEqualTo(envelope);
    }
  }

  @Test
  void truncatedOrExtendedBytesAreCorrupt() {
    byte[] encoded = EnvelopeCodec.encode(full());
    for (int cut = 0; cut < encoded.length; cut++) {
      byte[] truncated = Arrays.copyOf(encoded, cut);
      assertThatThrownBy(() -> EnvelopeCodec.decode(truncated)).isInstanceOf(CorruptEntryException.class);
    }
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> EnvelopeCodec.decode(longer)).isInstanceOf(CorruptEntryException.class);
  }

  @Test
  void stateRecordsAndCommitBlocksCarryTheirOwnChecksums() {
    byte[] record = EntryFormat.stateRecord(StateRecords.journaled()).array();
    assertThat(record).hasSize(4 + 1 + 4);
    assertThat(EntryFormat.commitBlock(0, 0).remaining()).isEqualTo(16);
    assertThat(EntryFormat.commitBlock(0, 0).getInt(12)).isNotZero();
  }
}
