package eu.sovereignmail.archive.export;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.search.Actor;
import java.util.Collection;
import java.util.Set;

/**
 * Turns an export's selection into the archived message ids it will hold, fixed when it starts: a query in the
 * archive's query language into every id it matches (no paging; envelope fields visible), limited to what the actor
 * may read (a {@code legal} user: the mail of their open cases' custodians; the cases part answers it).
 */
public interface QueryResolver {
  /** Every archived message id {@code query} matches that {@code actor} may read. */
  Set<Long> matchingIds(Actor actor, String query);

  /**
   * Returns when {@code actor} may read every one of {@code ids}; otherwise throws {@link AccessDeniedException}
   * (the refusal recorded).
   */
  void requireReadable(Actor actor, Collection<Long> ids);

  /** Every match of the query, no limit: for tools and tests without cases. */
  static QueryResolver unlimited(java.util.function.Function<String, Set<Long>> matchingIds) {
    return new QueryResolver() {
      @Override
      public Set<Long> matchingIds(Actor actor, String query) {
        return matchingIds.apply(query);
      }

      @Override
      public void requireReadable(Actor actor, Collection<Long> ids) {
        // no limit
      }
    };
  }
}
