package eu.sovereignmail.archive.retention;

import java.util.Collection;

/**
 * Removes purged archived messages from the search index (Lucene or Elasticsearch), so a purged message
 * cannot be found, counted or shown any more. Called before their rows are deleted; removing an id that
 * has no document is not an error.
 */
@FunctionalInterface
public interface IndexRemoval {
  void remove(Collection<Long> archivedIds);
}
