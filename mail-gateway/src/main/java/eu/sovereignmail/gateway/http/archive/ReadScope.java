package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.search.Actor;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whose mail a caller of the archive API and UI may search and read, as the archive's case rules decide it
 * ({@link Cases#custodianScope}, {@link Cases#requireReadable}, {@link Cases#readable}): a {@code legal} user the mail of their open cases'
 * custodians, {@code legal-admin} all of it. Refusals are recorded by the archive and thrown as its
 * {@code AccessDeniedException} (403).
 */
public interface ReadScope {
  /** No limit: for readers over a search without cases (tests, tools run by an administrator). */
  ReadScope NONE = new ReadScope() {
    @Override
    public Optional<Set<String>> custodians(Actor actor, String action) {
      return Optional.empty();
    }

    @Override
    public void requireReadable(Actor actor, long messageId, String action) {
      // everything is readable
    }

    @Override
    public Set<Long> readable(Actor actor, Collection<Long> messageIds, String action) {
      return Set.copyOf(messageIds);
    }
  };

  /** The custodian addresses {@code actor}'s searches are limited to; empty for no limit. */
  Optional<Set<String>> custodians(Actor actor, String action);

  /** Returns when {@code actor} may read message {@code messageId}; otherwise throws (the refusal recorded). */
  void requireReadable(Actor actor, long messageId, String action);

  /** The ones of {@code messageIds} {@code actor} may read. */
  Set<Long> readable(Actor actor, Collection<Long> messageIds, String action);

  /** The scope the archive's cases give. */
  static ReadScope of(Cases cases) {
    Objects.requireNonNull(cases, "cases");
    return new ReadScope() {
      @Override
      public Optional<Set<String>> custodians(Actor actor, String action) {
        return cases.custodianScope(actor, action);
      }

      @Override
      public void requireReadable(Actor actor, long messageId, String action) {
        cases.requireReadable(actor, messageId, action);
      }

      @Override
      public Set<Long> readable(Actor actor, Collection<Long> messageIds, String action) {
        return cases.readable(actor, messageIds, action);
      }
    };
  }
}
