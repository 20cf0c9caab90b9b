package eu.sovereignmail.archive.export;

import java.util.Set;

/**
 * Turns a query in the archive's query language into every archived message id it matches (no paging;
 * envelope fields visible), so an export fixes its selection when it starts.
 */
@FunctionalInterface
public interface QueryResolver {
  Set<Long> matchingIds(String query);
}
