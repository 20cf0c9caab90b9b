package eu.sovereignmail.archive.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the archive index is kept; part of the archive settings, errors name the configuration key.
 *
 * @param backend {@code archive.search.backend}: {@code lucene} (default, a local index directory) or
 *     {@code elasticsearch} (Elasticsearch or OpenSearch, shared by gateway nodes; needs the Hibernate
 *     Search Elasticsearch backend on the class path and {@code properties})
 * @param indexDir {@code archive.search.index-dir}: the Lucene index directory
 * @param indexer {@code archive.search.indexer}: whether this process follows the journal and writes
 *     the index (a read-only tool sets it false)
 * @param consumer {@code archive.search.consumer}: the name under which this index's progress is kept
 *     in the database; distinct per node for per-node Lucene indexes, shared for one Elasticsearch index
 * @param pollInterval {@code archive.search.poll-interval}: how often an idle indexer looks for new entries
 * @param properties {@code archive.search.properties}: extra Hibernate Search settings passed through
 *     (e.g. {@code hibernate.search.backend.hosts}); they win over the defaults
 * @param totalHitCountThreshold {@code archive.search.total-hit-count-threshold}: up to this many matches a search
 *     counts its total exactly; beyond it the total is a lower bound ("10,000+"), which lets the index stop
 *     visiting matches that cannot reach the requested page (broad queries on a large archive)
 */
public record SearchSettings(
    String backend, Path indexDir, boolean indexer, String consumer, Duration pollInterval,
    Map<String, String> properties, int totalHitCountThreshold) {
  public static final String LUCENE = "lucene";
  public static final String ELASTICSEARCH = "elasticsearch";
  /** The default {@link #totalHitCountThreshold}: what a person reads as "more than ten thousand". */
  public static final int DEFAULT_TOTAL_HIT_COUNT_THRESHOLD = 10_000;

  public SearchSettings {
    require(LUCENE.equals(backend) || ELASTICSEARCH.equals(backend), "archive.search.backend",
        "must be lucene or elasticsearch");
    require(!LUCENE.equals(backend) || indexDir != null, "archive.search.index-dir", "must be set for lucene");
    require(consumer != null && consumer.matches("[A-Za-z0-9._-]{1,128}"), "archive.search.consumer",
        "must be 1-128 letters, digits, '.', '_' or '-'");
    require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
        "archive.search.poll-interval", "must be positive");
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    require(totalHitCountThreshold >= 1, "archive.search.total-hit-count-threshold", "must be at least 1");
  }

  /** Settings with the default {@link #totalHitCountThreshold}. */
  public SearchSettings(String backend, Path indexDir, boolean indexer, String consumer, Duration pollInterval,
      Map<String, String> properties) {
    this(backend, indexDir, indexer, consumer, pollInterval, properties, DEFAULT_TOTAL_HIT_COUNT_THRESHOLD);
  }

  /** A local Lucene index in {@code indexDir}, indexed by this process. */
  public static SearchSettings lucene(Path indexDir) {
    return new SearchSettings(LUCENE, indexDir, true, "default", Duration.ofMillis(200), Map.of());
  }

  /** The same settings with the indexer on or off. */
  public SearchSettings withIndexer(boolean on) {
    return new SearchSettings(backend, indexDir, on, consumer, pollInterval, properties, totalHitCountThreshold);
  }

  /** The same settings with totals counted exactly up to {@code threshold} matches. */
  public SearchSettings withTotalHitCountThreshold(int threshold) {
    return new SearchSettings(backend, indexDir, indexer, consumer, pollInterval, properties, threshold);
  }

  /** Property values are not printed (they may hold a search cluster's password); their keys are. */
  @Override
  public String toString() {
    return "SearchSettings[backend=" + backend + ", indexDir=" + indexDir + ", indexer=" + indexer + ", consumer="
        + consumer + ", pollInterval=" + pollInterval + ", properties=" + new java.util.TreeSet<>(properties.keySet())
        + ", totalHitCountThreshold=" + totalHitCountThreshold + "]";
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }
}
