package eu.sovereignmail.gateway.http.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.CustodianQueries;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.identity.auth.Principal;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code legal} user reads only the mail of their open cases' custodians: searches are limited to them (the hits
 * checked again, since an address field also matches a longer address ending in the custodian's), a message outside
 * them is refused before it is opened or downloaded, and a user without such a case is told why; {@code legal-admin}
 * reads everything. Every refusal is on record.
 */
class ReadScopeTest {
  private static final ArchiveCaller LEA = new ArchiveCaller(new Principal("lea", "lea@example.eu", Set.of("legal")),
      "192.0.2.7");
  private static final ArchiveCaller TOM = new ArchiveCaller(new Principal("tom", "tom@example.eu", Set.of("legal")),
      "192.0.2.8");
  private static final ArchiveCaller MARA = new ArchiveCaller(
      new Principal("mara", "mara@example.eu", Set.of("legal-admin", "legal")), "192.0.2.9");

  private FakeArchiveSearch search;
  private FakeLegal legal;
  private ArchiveReader reader;

  @BeforeEach
  void setUp(@TempDir Path dir) throws Exception {
    search = new FakeArchiveSearch();
    legal = new FakeLegal(dir);
    reader = new ArchiveReader(search, id -> FakeArchiveSearch.RAW, DownloadAudit.NONE,
        ReadScope.of(legal.parts.cases()));
    LegalCase matter = legal.add("Matter", "lea");
    legal.cases.put(matter.id(), withCustodians(matter, "Lea@Example.EU", "bob@example.eu"));
    legal.messageAddresses.put(1L, Set.of("alice@example.eu", "lea@example.eu"));
    legal.messageAddresses.put(2L, Set.of("carol@example.eu"));
  }

  @Test
  void aLegalUsersSearchIsLimitedToTheCustodiansOfTheirOpenCases() {
    SearchResult result = reader.search(LEA, "budget", null, null, null);

    assertThat(search.queries.getLast())
        .isEqualTo("(budget) (participant:\"bob@example.eu\" OR participant:\"lea@example.eu\")");
    assertThat(result.query()).isEqualTo("budget");
    assertThat(result.hits()).extracting(h -> h.id()).containsExactly(1L);
    assertThat(CustodianQueries.limitedTo(" ", Set.of("bob@example.eu")))
        .isEqualTo("(participant:\"bob@example.eu\")");
  }

  @Test
  void aHitThatOnlyLooksLikeACustodianIsLeftOut() {
    LegalCase matter = legal.cases.get(1L);
    legal.cases.put(1L, withCustodians(matter, "a.lea@example.eu"));

    SearchResult result = reader.search(LEA, "budget", null, null, null);

    assertThat(result.hits()).isEmpty();
    assertThat(result.total()).isZero();
  }

  @Test
  void aMalformedQueryIsRefusedWithItsOwnPosition() {
    assertThatThrownBy(() -> reader.search(LEA, "x ((y", null, null, null))
        .isInstanceOfSatisfying(QueryProblem.class, p -> assertThat(p.position()).isEqualTo(2));
  }

  @Test
  void aMessageOutsideTheCasesIsRefusedBeforeItIsOpened() throws Exception {
    assertThat(reader.message(LEA, "1").detail().summary().id()).isEqualTo(1);
    int opened = search.actors.size();

    assertThatThrownBy(() -> reader.message(LEA, "2")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> reader.raw(LEA, "2")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> reader.part(LEA, "2", "2")).isInstanceOf(AccessDeniedException.class);
    assertThat(search.actors).hasSize(opened);
    assertThat(legal.recorded).anySatisfy(r -> assertThat(r).startsWith("lea access.denied message:2"));
  }

  @Test
  void withoutAnOpenCaseWithCustodiansALegalUserIsToldWhy() {
    assertThatThrownBy(() -> reader.search(TOM, "budget", null, null, null))
        .isInstanceOf(AccessDeniedException.class);
    LegalCase matter = legal.cases.get(1L);
    legal.cases.put(1L, new LegalCase(matter.id(), matter.name(), "", CaseStatus.CLOSED, matter.createdBy(),
        matter.createdAt(), matter.members(), matter.custodians(), matter.savedSearches(), matter.notes()));
    assertThatThrownBy(() -> reader.search(LEA, "budget", null, null, null))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(search.queries).isEmpty();
  }

  @Test
  void aLegalAdministratorReadsEverything() throws Exception {
    reader.search(MARA, "budget", null, null, null);
    assertThat(search.queries.getLast()).isEqualTo("budget");
    reader.raw(MARA, "1");
    assertThatThrownBy(() -> reader.message(MARA, "2")).hasMessageContaining("no archived message 2");
  }

  private static LegalCase withCustodians(LegalCase c, String... custodians) {
    return new LegalCase(c.id(), c.name(), c.description(), c.status(), c.createdBy(), c.createdAt(), c.members(),
        java.util.List.of(custodians), c.savedSearches(), c.notes());
  }
}
