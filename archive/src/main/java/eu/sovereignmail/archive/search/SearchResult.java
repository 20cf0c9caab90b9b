package eu.sovereignmail.archive.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many messages match in all when {@code totalExact}; otherwise at least this many (a broad
 *     query on a large archive is counted only up to {@link SearchSettings#totalHitCountThreshold}), shown as
 *     "10,000+"
 * @param page the page returned, from 1
 * @param totalExact whether {@code total} is the exact count rather than a lower bound
 */
public record SearchResult(
    String query, long total, int page, int pageSize, SearchSort sort, List<SearchHit> hits, boolean totalExact) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** A page whose total is exact. */
  public SearchResult(String query, long total, int page, int pageSize, SearchSort sort, List<SearchHit> hits) {
    this(query, total, page, pageSize, sort, hits, true);
  }
}
