package eu.sovereignmail.gateway.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.delivery.FailedRecipient;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets a DSN: the RFC 3461 NOTIFY rules and the null-sender rule. */
class DsnPolicyTest {
  private static final Recipient ABSENT = new Recipient("absent@example.org", Set.of(), null);
  private static final Recipient NEVER = new Recipient("never@example.org", Set.of(DsnNotify.NEVER), null);
  private static final Recipient SUCCESS = new Recipient("success@example.org", Set.of(DsnNotify.SUCCESS), null);
  private static final Recipient FAILURE = new Recipient("failure@example.org", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), null);
  private static final Recipient DELAY = new Recipient("delay@example.org", Set.of(DsnNotify.DELAY), null);

  private static Envelope envelope(String mailFrom) {
    return new Envelope(EntryId.next(), Instant.parse("2025-03-01T10:00:00Z"), Direction.INBOUND, mailFrom,
        List.of(ABSENT, NEVER, SUCCESS, FAILURE, DELAY), null, null, BodyType.SEVEN_BIT, false, "192.0.2.1", "client", null);
  }

  private static List<String> reported(String mailFrom, DsnAction action) {
    Envelope envelope = envelope(mailFrom);
    List<FailedRecipient> all = envelope.recipients().stream().map(r -> new FailedRecipient(r, null, null, "gone")).toList();
    return DsnPolicy.reported(envelope, all, action).stream().map(f -> f.recipient().address()).toList();
  }

  @Test
  void failuresAreReportedWhenNotifyIsAbsentOrNamesFailure() {
    assertThat(reported("alice@example.eu", DsnAction.FAILED)).containsExactly("absent@example.org", "failure@example.org");
  }

  @Test
  void delaysAreReportedOnlyWhenNotifyNamesDelay() {
    assertThat(reported("alice@example.eu", DsnAction.DELAYED)).containsExactly("delay@example.org");
  }

  @Test
  void theNullSenderNeverGetsADsn() {
    assertThat(reported(null, DsnAction.FAILED)).isEmpty();
    assertThat(reported(null, DsnAction.DELAYED)).isEmpty();
  }

  @Test
  void neverWinsAndSuccessAloneAsksForNoFailureReport() {
    assertThat(DsnPolicy.wants(Set.of(DsnNotify.NEVER), DsnAction.FAILED)).isFalse();
    assertThat(DsnPolicy.wants(Set.of(DsnNotify.SUCCESS), DsnAction.FAILED)).isFalse();
    assertThat(DsnPolicy.wants(Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), DsnAction.DELAYED)).isTrue();
  }
}
