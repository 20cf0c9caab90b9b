package eu.sovereignmail.archive.cases;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query in the archive's query language limited to the mail of some custodians, the way a {@code legal} user's
 * searches and exports are limited ({@link Cases#custodianScope}). The address fields match an address as a phrase of
 * its parts, so the limited query can also match a longer address ending in a custodian's: callers check the hits
 * again ({@link Cases#readable}).
 */
public final class CustodianQueries {
  private CustodianQueries() {}

  /** {@code query} and a participant (envelope included) among {@code custodians}; a blank query: all their mail. */
  public static String limitedTo(String query, Set<String> custodians) {
    if (custodians.isEmpty()) {
      throw new IllegalArgumentException("a limit needs at least one custodian");
    }
    String scope = custodians.stream().sorted().map(address -> "participant:\"" + address + "\"")
        .collect(Collectors.joining(" OR ", "(", ")"));
    return query == null || query.isBlank() ? scope : "(" + query + ") " + scope;
  }
}
