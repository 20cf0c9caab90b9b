package eu.sovereignmail.archive.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.AuditEvent;
import eu.sovereignmail.archive.search.SearchSort;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEventTextTest {
  private static final Actor LEA = new Actor("lea", Set.of("legal"), "192.0.2.1");
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void searchesViewsAndRefusalsReadAsTheAgreedActions() {
    assertThat(AuditEventText.of(new AuditEvent.Searched(AT, LEA, "subject:\"q1 budget\"", SearchSort.DATE, 2, 50, 17)))
        .isEqualTo(new AuditEventText("archive.search", "archive",
            "query=\"subject:\\\"q1 budget\\\"\" total=17 sort=DATE page=2 page_size=50"));
    assertThat(AuditEventText.of(new AuditEvent.Viewed(AT, LEA, 42, true, false)))
        .isEqualTo(new AuditEventText("archive.view", "message:42", "envelope_shown=true"));
    assertThat(AuditEventText.of(new AuditEvent.Viewed(AT, LEA, 42, false, true)).action()).isEqualTo("archive.raw");
    assertThat(AuditEventText.of(new AuditEvent.Refused(AT, LEA, "search", "bcc:x", "no\nway")))
        .isEqualTo(new AuditEventText("access.denied", "archive.search", "reason=\"no\\nway\" request=\"bcc:x\""));
  }

  @Test
  void quotingKeepsADetailOnOneLine() {
    assertThat(AuditEventText.quoted("a\"b\\c\r\n\td")).isEqualTo("\"a\\\"b\\\\c\\r\\n\\td\"");
  }
}
