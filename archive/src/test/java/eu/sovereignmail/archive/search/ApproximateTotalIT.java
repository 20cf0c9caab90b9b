package eu.sovereignmail.archive.search;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.CorpusGenerator;
import eu.sovereignmail.archive.TestArchives;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Totals counted only up to a threshold (real MariaDB and Lucene): the same generated corpus searched with exact
 * totals and with a small threshold gives the same pages, in the same order, for broad and selective queries and
 * both sorts; only the total of a broad query becomes a lower bound, flagged as such.
 */
class ApproximateTotalIT {
  private static final Actor LEGAL = new Actor("lea", Set.of("legal"));
  private static final int THRESHOLD = 25;
  private static final List<String> QUERIES = List.of("budget", "-zzzznothing", "hearing OR tender",
      "direction:inbound deadline", "has:attachment", "from:alice", "filename:figures", "subject:\"court filing\"",
      "messageid:" + CorpusGenerator.messageId(31, 7));

  @Test
  void aThresholdBoundsTheTotalButNotThePages() throws Exception {
    ArchiveSettings settings = TestArchives.get().settings("search_approximate_total");
    Map<String, SearchResult> exact = new LinkedHashMap<>();
    try (Archive archive = Archive.open(settings)) {
      for (CorpusGenerator.Item item : new CorpusGenerator(31, "approx").stream(300).toList()) {
        archive.journal().append(item.spoolRecordId(), item.envelope(), item.raw());
      }
      archive.search().catchUp();
      for (String key : keys()) {
        exact.put(key, run(archive, key));
        assertThat(exact.get(key).totalExact()).as(key).isTrue();
      }
    }
    assertThat(exact.get("budget DATE 1").total()).as("a broad query").isGreaterThan(3L * THRESHOLD);
    assertThat(exact.get(QUERIES.getLast() + " DATE 1").total()).as("a selective query").isEqualTo(1);

    List<String> bounded = new ArrayList<>();
    try (Archive archive = Archive.open(settings.withSearch(settings.search().withTotalHitCountThreshold(THRESHOLD)))) {
      for (String key : keys()) {
        SearchResult expected = exact.get(key);
        SearchResult result = run(archive, key);
        assertThat(ids(result)).as(key).isEqualTo(ids(expected));
        assertThat(result.hits()).as(key).isEqualTo(expected.hits());
        if (result.totalExact()) {
          assertThat(result.total()).as(key).isEqualTo(expected.total());
        } else {
          bounded.add(key);
          assertThat(result.total()).as(key).isBetween((long) THRESHOLD, expected.total());
        }
        if (expected.total() < THRESHOLD) {
          assertThat(result.totalExact()).as(key).isTrue();
        }
      }
    }
    assertThat(bounded).contains("budget DATE 1", "budget RELEVANCE 1", "-zzzznothing DATE 2");
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (String query : QUERIES) {
      for (SearchSort sort : SearchSort.values()) {
        for (int page = 1; page <= 3; page++) {
          keys.add(query + " " + sort + " " + page);
        }
      }
    }
    return keys;
  }

  private static SearchResult run(Archive archive, String key) {
    int last = key.lastIndexOf(' ');
    int sortAt = key.lastIndexOf(' ', last - 1);
    return archive.search().search(LEGAL, key.substring(0, sortAt), SearchSort.valueOf(key.substring(sortAt + 1, last)),
        Integer.parseInt(key.substring(last + 1)), 10);
  }

  private static List<Long> ids(SearchResult result) {
    return result.hits().stream().map(SearchHit::id).toList();
  }
}
