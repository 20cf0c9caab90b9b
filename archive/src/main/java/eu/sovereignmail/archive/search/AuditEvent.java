package eu.sovereignmail.archive.search;

import java.time.Instant;

/** One access to archived mail that the audit log must record: who, when, what they asked and what they got. */
public sealed interface AuditEvent {
  Instant at();

  Actor actor();

  /** A search ran; {@code total} messages matched. */
  record Searched(Instant at, Actor actor, String query, SearchSort sort, int page, int pageSize, long total)
      implements AuditEvent {}

  /** A message was shown ({@code raw} true when its original bytes were handed out). */
  record Viewed(Instant at, Actor actor, long messageId, boolean envelopeShown, boolean raw) implements AuditEvent {}

  /** A request was refused before anything was shown (a query beyond the actor's rights, a malformed query). */
  record Refused(Instant at, Actor actor, String action, String request, String reason) implements AuditEvent {}
}
