package eu.sovereignmail.archive.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many messages match in all
 * @param page the page returned, from 1
 */
public record SearchResult(String query, long total, int page, int pageSize, SearchSort sort, List<SearchHit> hits) {
  public SearchResult {
    hits = List.copyOf(hits);
  }
}
