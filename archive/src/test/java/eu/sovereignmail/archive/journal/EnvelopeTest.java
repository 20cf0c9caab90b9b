package eu.sovereignmail.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final Instant AT = Instant.parse("2026-05-12T08:30:00.123456789Z");

  @Test
  void isImmutableAndKeepsMicroseconds() {
    List<String> recipients = new ArrayList<>(List.of("bob@example.org"));
    Envelope envelope = new Envelope("", recipients, Direction.INBOUND, null, null, "gw-1", AT);
    recipients.add("late@example.org");

    assertThat(envelope.recipients()).containsExactly("bob@example.org");
    assertThatThrownBy(() -> envelope.recipients().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(envelope.receivedAt()).isEqualTo(Instant.parse("2026-05-12T08:30:00.123456Z"));
  }

  @Test
  void refusesWhatCannotBeJournaled() {
    assertThatThrownBy(() -> new Envelope("a@x", List.of(), Direction.INBOUND, null, null, "gw", AT))
        .hasMessageContaining("at least one recipient");
    assertThatThrownBy(() -> new Envelope(null, List.of("b@x"), Direction.INBOUND, null, null, "gw", AT))
        .hasMessageContaining("null sender");
    assertThatThrownBy(() -> new Envelope("a@x", List.of("b@x"), Direction.INBOUND, null, null, " ", AT))
        .hasMessageContaining("gatewayNode");
    assertThatThrownBy(() -> new Envelope("a".repeat(513), List.of("b@x"), Direction.INBOUND, null, null, "gw", AT))
        .hasMessageContaining("mailFrom is longer than 512");
  }
}
