package eu.sovereignmail.archive.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;

/**
 * The recent date windows a date-sorted search looks in before the whole index, so that a broad query's newest page
 * costs what a window holds instead of what the archive holds. Lucene cannot skip any match of such a query when
 * sorting newest first (documents arrive in about date order, so every later one is competitive), but a query
 * restricted to {@code date >= bound} visits only the matches in the window, and counting a window's matches costs
 * a fraction of sorting them. When a window holds the whole page, that page is the unrestricted query's: every match
 * outside the window is older than every match in it, and matches on the bound itself are inside (the bound is
 * inclusive), so ties on the date keep their order by id. Windows are open towards the future, so future-dated
 * messages are in all of them.
 *
 * @param end where the windows end: now, or the newest date indexed when that is older (an archive of past mail)
 * @param oldest the oldest date indexed; a window reaching back to it is the whole index ({@code null} bound)
 * @param documents how many documents have a date (the index's density over the span)
 */
record DateWindows(Instant end, Instant oldest, long documents) {
  /** The narrowest window. */
  static final Duration SMALLEST = Duration.ofDays(1);
  /** How much wider the next window is when the last one held no match at all. */
  static final int GROWTH = 8;
  /** A window sized by a query's density is made to hold this many times what is wanted: matches are uneven. */
  static final int MARGIN = 2;

  /** More than this share of future-dated documents means the index's clock runs ahead of this one's. */
  static final double FUTURE_SHARE = 0.05;

  /**
   * The windows for an index whose dates lie in {@code span} ({@code null}: no dates, no windows). They end now; at
   * the newest date when that is older (an archive of past mail), or when more than {@link #FUTURE_SHARE} of the
   * documents are dated after now (a few future-dated messages are in every window anyway, but a mass of them would
   * fill every window: their dates are then taken for the archive's time).
   */
  static DateWindows of(Instant now, Span span) {
    if (span == null) {
      return new DateWindows(now, now, 0);
    }
    boolean clockAhead = span.futureDocuments() > FUTURE_SHARE * span.documents();
    Instant end = span.newest().isBefore(now) || clockAhead ? span.newest() : now;
    return new DateWindows(end, span.oldest(), span.documents());
  }

  /**
   * The first window's lower bound for a page that needs the newest {@code wanted} matches: as wide as the index's
   * density says holds {@link #MARGIN} times {@code wanted} documents (were every document a match), at least
   * {@link #SMALLEST}; {@code null} when that is the whole index.
   */
  Instant first(long wanted) {
    long span = end.toEpochMilli() - oldest.toEpochMilli();
    double byDensity = documents == 0 ? span : (double) span * MARGIN * wanted / documents;
    return bound(Math.max(SMALLEST.toMillis(), (long) Math.min(byDensity, Long.MAX_VALUE / 2.0)));
  }

  /**
   * The lower bound of a window expected to hold {@code wanted} matches, after the window from {@code bound} held
   * {@code found} (counted exactly): as wide as the density seen says holds {@link #MARGIN} times {@code wanted}, at
   * least twice as wide, {@link #GROWTH} times as wide when nothing was found; {@code null} when that reaches back to
   * the oldest date (search the whole index).
   */
  Instant wider(Instant bound, long found, long wanted) {
    long width = end.toEpochMilli() - bound.toEpochMilli();
    double next = found > 0 ? Math.max(2.0 * width, (double) width * MARGIN * wanted / found) : (double) width * GROWTH;
    return bound((long) Math.min(next, Long.MAX_VALUE / 2.0));
  }

  private Instant bound(long width) {
    long span = end.toEpochMilli() - oldest.toEpochMilli();
    return width >= span ? null : end.minusMillis(width);
  }

  /**
   * The oldest and the newest date in an index and how many documents have one (deleted documents may still count:
   * it only steers the windows).
   */
  record Span(Instant oldest, Instant newest, long documents, long futureDocuments) {
    /**
     * The span of the {@code field}'s values (indexed as long points of epoch milliseconds) and how many documents
     * are dated after {@code now}, or null if none.
     */
    static Span read(IndexReader reader, String field, Instant now) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      long documents = 0;
      After after = new After(now.toEpochMilli());
      try {
        for (LeafReaderContext leaf : reader.leaves()) {
          PointValues points = leaf.reader().getPointValues(field);
          if (points == null || points.size() == 0) {
            continue;
          }
          min = Math.min(min, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
          max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
          documents += points.getDocCount();
          points.intersect(after);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the dates of the search index", e);
      }
      return min > max ? null : new Span(Instant.ofEpochMilli(min), Instant.ofEpochMilli(max), documents, after.count);
    }
  }

  /** Counts the points strictly after a time: how many documents are dated after it. */
  private static final class After implements PointValues.IntersectVisitor {
    private final long millis;
    private long count;

    After(long millis) {
      this.millis = millis;
    }

    @Override
    public void visit(int docID) {
      count++;
    }

    @Override
    public void visit(int docID, byte[] packedValue) {
      if (LongPoint.decodeDimension(packedValue, 0) > millis) {
        count++;
      }
    }

    @Override
    public PointValues.Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
      if (LongPoint.decodeDimension(maxPackedValue, 0) <= millis) {
        return PointValues.Relation.CELL_OUTSIDE_QUERY;
      }
      return LongPoint.decodeDimension(minPackedValue, 0) > millis ? PointValues.Relation.CELL_INSIDE_QUERY
          : PointValues.Relation.CELL_CROSSES_QUERY;
    }
  }
}
