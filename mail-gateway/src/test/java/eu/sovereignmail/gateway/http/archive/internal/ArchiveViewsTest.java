package eu.sovereignmail.gateway.http.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's result view says whether its total is exact or a lower bound. */
class ArchiveViewsTest {
  @Test
  void aBoundedTotalIsFlaggedAndAnExactOneIsNot() {
    ArchiveViews.Results bounded = ArchiveViews.results(
        new SearchResult("budget", 10_000, 1, 20, SearchSort.DATE, List.of(), false));
    assertThat(bounded.total()).isEqualTo(10_000);
    assertThat(bounded.totalExact()).isFalse();
    assertThat(ArchiveViews.results(new SearchResult("budget", 3, 1, 20, SearchSort.DATE, List.of())).totalExact())
        .isTrue();
  }
}
