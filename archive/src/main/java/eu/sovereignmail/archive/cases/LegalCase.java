package eu.sovereignmail.archive.cases;

import java.time.Instant;
import java.util.List;

/**
 * A matter the legal team works on: everything else (holds, saved searches, exports) hangs off it.
 *
 * @param members user names (lower case) of the {@code legal} users who may work within it
 * @param custodians addresses (lower case) whose mail the case is about
 * @param savedSearches oldest first
 * @param notes oldest first
 */
public record LegalCase(long id, String name, String description, CaseStatus status, String createdBy,
    Instant createdAt, List<String> members, List<String> custodians, List<SavedSearch> savedSearches,
    List<CaseNote> notes) {
  public LegalCase {
    members = List.copyOf(members);
    custodians = List.copyOf(custodians);
    savedSearches = List.copyOf(savedSearches);
    notes = List.copyOf(notes);
  }
}
