package eu.sovereignmail.archive.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search settings' threshold for exact totals, and the result's exact/lower-bound total. */
class SearchSettingsTest {
  @Test
  void totalsAreExactUpToTenThousandByDefaultAndTheThresholdIsKeptByTheCopies() {
    SearchSettings lucene = SearchSettings.lucene(Path.of("index"));
    assertThat(lucene.totalHitCountThreshold()).isEqualTo(10_000);
    assertThat(new SearchSettings(SearchSettings.LUCENE, Path.of("index"), true, "default", Duration.ofSeconds(1),
        Map.of()).totalHitCountThreshold()).isEqualTo(SearchSettings.DEFAULT_TOTAL_HIT_COUNT_THRESHOLD);

    SearchSettings small = lucene.withTotalHitCountThreshold(500);
    assertThat(small.totalHitCountThreshold()).isEqualTo(500);
    assertThat(small.withIndexer(false).totalHitCountThreshold()).isEqualTo(500);
    assertThat(small.withIndexer(false).indexer()).isFalse();
    assertThat(small.toString()).contains("totalHitCountThreshold=500");
  }

  @Test
  void aThresholdBelowOneIsRefusedWithItsKey() {
    assertThatThrownBy(() -> SearchSettings.lucene(Path.of("index")).withTotalHitCountThreshold(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("archive.search.total-hit-count-threshold");
  }

  @Test
  void aResultBuiltWithoutTheFlagHasAnExactTotal() {
    assertThat(new SearchResult("q", 3, 1, 20, SearchSort.DATE, List.of()).totalExact()).isTrue();
    assertThat(new SearchResult("q", 10_000, 1, 20, SearchSort.DATE, List.of(), false).totalExact()).isFalse();
  }
}
