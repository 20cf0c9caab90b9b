package eu.sovereignmail.archive.audit;

import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.AuditHook;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The legal team's audit trail: every search, view, download, export and every change to cases, holds,
 * retention and purges, with who, when and from where. Append-only and hash-chained like the journal (each
 * entry's hash covers the previous entry's hash), so {@link #verify()} names the first altered or deleted
 * entry. As the search's {@link AuditHook} it records each search and view before the result is returned;
 * if recording fails, so does the search.
 */
public interface AuditLog extends AuditHook {
  /** Most characters of {@code target} kept; longer values are cut before hashing. */
  int MAX_TARGET = 512;
  /** Most characters of {@code detail} kept; longer values are cut (marked) before hashing. */
  int MAX_DETAIL = 8_000;

  /**
   * Appends one entry; durable when it returns.
   *
   * @param action lower-case dotted words ({@code case.create}, {@code access.denied}, …)
   * @param target what it was on ({@code case:3}, {@code message:42}), may be empty
   * @param detail what else matters, may be empty; never message content, passwords or tokens
   * @throws AuditFailedException when the entry could not be written
   */
  AuditEntry record(Actor actor, String action, String target, String detail);

  /**
   * Lists entries newest first; {@code legal-admin} only. Recorded as {@code audit.view}.
   *
   * @throws AccessDeniedException for anyone else (recorded as {@code access.denied})
   */
  AuditPage list(Actor actor, AuditQuery query);

  /**
   * Writes every entry matching {@code filter} (its paging ignored), oldest first, to {@code out};
   * {@code legal-admin} only. Recorded as {@code audit.export} before the first byte, so the export contains
   * its own record when the filter allows. Returns the number of entries written. {@code out} is not closed.
   *
   * @throws AccessDeniedException for anyone else (recorded as {@code access.denied})
   */
  long export(Actor actor, AuditQuery filter, AuditFormat format, OutputStream out) throws IOException;

  /**
   * Walks the whole chain up to the head as read at the start (appends may go on beside it): each entry
   * re-hashed, each link and sequence number checked, the head compared with the last entry.
   */
  AuditVerifyReport verify();

  /** Records {@code access.denied} for {@code action} on {@code target} and returns the exception to throw. */
  AccessDeniedException deny(Actor actor, String action, String target, String reason);

  /** Returns when {@code actor} is {@code legal-admin}; otherwise records and throws {@link AccessDeniedException}. */
  default void requireAdmin(Actor actor, String action, String target) {
    var refusal = AccessRules.refusalForAdmin(actor);
    if (refusal.isPresent()) {
      throw deny(actor, action, target, refusal.get());
    }
  }

  /** Returns when {@code actor} holds a legal role; otherwise records and throws {@link AccessDeniedException}. */
  default void requireLegal(Actor actor, String action, String target) {
    var refusal = AccessRules.refusalForLegal(actor);
    if (refusal.isPresent()) {
      throw deny(actor, action, target, refusal.get());
    }
  }
}
