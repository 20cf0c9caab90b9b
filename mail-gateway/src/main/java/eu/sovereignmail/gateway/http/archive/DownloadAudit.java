package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.search.Actor;

/**
 * Records that a file left the archive (a message's original, one attachment) as {@code archive.download}, beside
 * the search's own {@code archive.raw}, so the audit log says what was handed out and under which name. The gateway
 * passes the archive's audit log ({@code archive.audit()::record}); if recording fails, the file is not sent.
 */
@FunctionalInterface
public interface DownloadAudit {
  /** Records nothing (tests of other parts). */
  DownloadAudit NONE = (actor, action, target, detail) -> {};

  void record(Actor actor, String action, String target, String detail);
}
