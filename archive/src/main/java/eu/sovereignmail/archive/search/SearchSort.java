package eu.sovereignmail.archive.search;

/** The order of search results. */
public enum SearchSort {
  /** Newest first (message date), the default for reviewing. */
  DATE,
  /** Best match first, newest first among equals. */
  RELEVANCE
}
