package eu.sovereignmail.archive.search;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The archive's read side for people: search with the query language, open one message, take its
 * original bytes. Every call names the acting user and is reported to the {@link AuditHook} before it
 * returns. Indexing runs behind it, following the journal, never in the way of appends.
 */
public interface ArchiveSearch {
  /** Largest page size accepted. */
  int MAX_PAGE_SIZE = 200;

  /**
   * Runs {@code query} ({@link QueryParser}'s language).
   *
   * @param page from 1
   * @param pageSize 1 to {@link #MAX_PAGE_SIZE}
   * @throws QuerySyntaxException for a malformed query (with the position)
   * @throws SearchRefusedException for a query beyond the actor's rights
   */
  SearchResult search(Actor actor, String query, SearchSort sort, int page, int pageSize);

  /** The message with archive id {@code id}, parsed from its stored bytes; empty if there is none. */
  Optional<MessageDetail> show(Actor actor, long id) throws IOException;

  /** The original bytes of message {@code id} (its first journaled copy), checked against their hash. */
  Optional<byte[]> raw(Actor actor, long id) throws IOException;

  /**
   * System use (legal holds), not on behalf of a person, so neither access-checked nor audited: the archive ids
   * of every message {@code query} finds, envelope fields searchable, without paging.
   *
   * @throws QuerySyntaxException for a malformed query
   */
  Set<Long> matchingIds(String query);

  /** How far indexing has followed the journal. */
  IndexStatus status();

  /** Indexes everything journaled so far on the calling thread (tests, tools); returns the entries taken in. */
  long catchUp();

  /** Empties the index and follows the journal again from its first entry (e.g. after changing analyzers). */
  void rebuild();
}
