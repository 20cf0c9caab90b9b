package eu.sovereignmail.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.audit.AuditFormat;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.audit.internal.CanonicalAuditEntry;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.internal.CaseQueries;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The legal core against a real MariaDB (and a real Lucene index for query holds): the audit chain appended
 * from several threads verifies clean and names an edited and a deleted row; cases with members and the access
 * rules; custodian and query holds hold exactly the right messages of a generated corpus.
 */
class LegalCoreIT {
  private static final Actor MARA = new Actor("mara", Set.of("legal-admin", "legal"), "192.0.2.20");
  private static final Actor LEA = new Actor("lea", Set.of("legal"), "192.0.2.10");
  private static final Actor TOM = new Actor("tom", Set.of("legal"), "192.0.2.11");
  private static final Actor ALICE = new Actor("alice", Set.of("staff"), "192.0.2.30");


  private static ArchiveSettings settings(String database) throws Exception {
    return TestArchives.get().settings(database);
  }

  private static Connection jdbc(String database) throws Exception {
    return TestArchives.get().connect(database);
  }

  // ---------------------------------------------------------------------------------------------
  // The audit chain

  @Test
  void auditChainFromSeveralThreadsVerifiesAndNamesEditedAndDeletedEntries() throws Exception {
    String db = "legal_audit";
    try (Archive archive = Archive.open(settings(db))) {
      int threads = 6;
      int each = 40;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Actor actor = new Actor("user" + t, Set.of("legal"), "198.51.100." + t);
          futures.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              archive.audit().record(actor, "archive.view", "message:" + i, "envelope_shown=true n=" + i);
            }
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        pool.shutdown();
      }
      AuditVerifyReport clean = archive.audit().verify();
      assertThat(clean.clean()).as(clean.toString()).isTrue();
      assertThat(clean.entriesChecked()).isEqualTo(threads * each);

      // Only legal-admin reads the log; the refusal is itself on record.
      assertThatThrownBy(() -> archive.audit().list(LEA, AuditQuery.all(10)))
          .isInstanceOf(AccessDeniedException.class);
      AuditPage denied = archive.audit().list(MARA, new AuditQuery(null, "access.denied", null, null, null, 1, 10));
      assertThat(denied.entries()).singleElement().satisfies(e -> {
        assertThat(e.actor()).isEqualTo("lea");
        assertThat(e.origin()).isEqualTo("192.0.2.10");
        assertThat(e.roles()).containsExactly("legal");
        assertThat(e.detail()).contains("action=audit.view");
      });
      AuditPage page = archive.audit().list(MARA, new AuditQuery("user3", null, null, null, null, 2, 15));
      assertThat(page.total()).isEqualTo(each);
      assertThat(page.entries()).hasSize(15).extracting(AuditEntry::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
      assertThat(archive.audit().list(MARA, new AuditQuery(null, "audit.", null, null, null, 1, 10)).total())
          .isEqualTo(3); // mara's two listings before this one, and this one (recorded before it runs)
      List<AuditEntry> all = archive.audit().list(MARA, AuditQuery.all(500)).entries();
      assertThat(all).extracting(AuditEntry::seq).doesNotHaveDuplicates();
      long head = all.get(0).seq();
      assertThat(head).isEqualTo(threads * each + 5L);

      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      long exported = archive.audit().export(MARA, AuditQuery.all(1), AuditFormat.CSV, csv);
      assertThat(exported).isEqualTo(head + 1); // includes its own audit.export entry
      assertThat(csv.toString(StandardCharsets.UTF_8).split("\r\n")).hasSize((int) exported + 1);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      assertThat(archive.audit().export(MARA, new AuditQuery(null, "archive.view", null, null, null, 1, 1),
          AuditFormat.JSON, json)).isEqualTo(threads * each);
      assertThat(json.toString(StandardCharsets.UTF_8)).startsWith("[\n{\"seq\":1,").endsWith("}\n]\n");
      assertThatThrownBy(() -> archive.audit().export(ALICE, AuditQuery.all(1), AuditFormat.JSON,
          new ByteArrayOutputStream())).isInstanceOf(AccessDeniedException.class);
      assertThat(archive.audit().verify().clean()).isTrue();

      // An edited row is named; put back, the chain is clean again.
      String original;
      try (Connection c = jdbc(db); Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery("SELECT detail FROM audit_entry WHERE seq = 57")) {
          r.next();
          original = r.getString(1);
        }
        s.executeUpdate("UPDATE audit_entry SET detail = 'envelope_shown=false' WHERE seq = 57");
      }
      AuditVerifyReport edited = archive.audit().verify();
      assertThat(edited.firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(57);
        assertThat(b.kind()).isEqualTo(AuditVerifyReport.Kind.ALTERED);
        assertThat(b.reason()).contains("entry 57").contains("altered");
      });
      try (Connection c = jdbc(db); PreparedStatement s = c.prepareStatement("UPDATE audit_entry SET detail = ? WHERE seq = 57")) {
        s.setString(1, original);
        s.executeUpdate();
      }
      assertThat(archive.audit().verify().clean()).isTrue();

      // A row rewritten together with a recomputed hash shows at the next entry's link.
      AuditEntry e88 = all.stream().filter(e -> e.seq() == 88).findFirst().orElseThrow();
      String forged = new CanonicalAuditEntry(1, 88, e88.at(), e88.actor(), e88.roles(), e88.origin(), e88.action(),
          "message:999", e88.detail(), e88.prevHash()).hash();
      try (Connection c = jdbc(db); PreparedStatement s = c.prepareStatement(
          "UPDATE audit_entry SET target = 'message:999', entry_hash = ? WHERE seq = 88")) {
        s.setString(1, forged);
        s.executeUpdate();
      }
      assertThat(archive.audit().verify().firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(89);
        assertThat(b.kind()).isEqualTo(AuditVerifyReport.Kind.BROKEN_LINK);
        assertThat(b.reason()).contains("entry 88 was rewritten");
      });

      // A deleted row is named.
      try (Connection c = jdbc(db); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit_entry WHERE seq IN (30, 88)");
      }
      AuditVerifyReport deleted = archive.audit().verify();
      assertThat(deleted.firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(30);
        assertThat(b.kind()).isEqualTo(AuditVerifyReport.Kind.MISSING);
        assertThat(b.reason()).isEqualTo("entry 30 is missing: deleted");
      });
      // 240 records, 8 entries of listing, exporting and refusals, 2 deleted.
      assertThat(deleted.entriesChecked()).isEqualTo(threads * each + 8 - 2);
    }
  }

  @Test
  void aCutTailIsNamedByTheHead() throws Exception {
    String db = "legal_audit_tail";
    try (Archive archive = Archive.open(settings(db))) {
      for (int i = 0; i < 10; i++) {
        archive.audit().record(LEA, "archive.search", "archive", "query=\"q" + i + "\" total=0");
      }
      try (Connection c = jdbc(db); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit_entry WHERE seq >= 9");
      }
      assertThat(archive.audit().verify().firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(9);
        assertThat(b.kind()).isEqualTo(AuditVerifyReport.Kind.MISSING);
        assertThat(b.reason()).contains("entries 9 to 10 are missing");
      });
    }
  }

  @Test
  void aSearchFailsWhenItsAuditRecordCannotBeWritten() throws Exception {
    String db = "legal_audit_down";
    try (Archive archive = Archive.open(settings(db))) {
      archive.search().catchUp();
      assertThat(archive.search().search(LEA, "budget", SearchSort.DATE, 1, 10).total()).isZero();
      try (Connection c = jdbc(db); Statement s = c.createStatement()) {
        s.executeUpdate("RENAME TABLE audit_head TO audit_head_away");
      }
      assertThatThrownBy(() -> archive.search().search(LEA, "tender", SearchSort.DATE, 1, 10))
          .isInstanceOf(AuditFailedException.class);
      assertThatThrownBy(() -> archive.cases().create(LEA, "Unrecorded", ""))
          .isInstanceOf(AuditFailedException.class);
      try (Connection c = jdbc(db); Statement s = c.createStatement()) {
        s.executeUpdate("RENAME TABLE audit_head_away TO audit_head");
      }
      assertThat(archive.cases().list(LEA)).isEmpty(); // the case went with its failed record
      archive.search().search(LEA, "tender", SearchSort.DATE, 1, 10);
      assertThat(archive.audit().list(MARA, AuditQuery.all(10)).entries()).extracting(AuditEntry::detail)
          .anySatisfy(d -> assertThat(d).startsWith("query=\"budget\" total=0"))
          .anySatisfy(d -> assertThat(d).startsWith("query=\"tender\" total=0"));
      AuditVerifyReport report = archive.audit().verify();
      assertThat(report.clean()).isTrue();
      assertThat(report.entriesChecked()).isEqualTo(3);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  @Test
  void casesWithMembersAndTheAccessRules() throws Exception {
    try (Archive archive = Archive.open(settings("legal_cases"))) {
      var cases = archive.cases();
      assertThatThrownBy(() -> cases.create(ALICE, "Staff case", "")).isInstanceOf(AccessDeniedException.class);

      LegalCase tender = cases.create(LEA, "Tender 2025", "Procurement irregularities");
      assertThat(tender.status()).isEqualTo(CaseStatus.OPEN);
      assertThat(tender.members()).containsExactly("lea");
      assertThat(tender.createdBy()).isEqualTo("lea");
      LegalCase review = cases.create(MARA, "Internal review", "");
      assertThatThrownBy(() -> cases.create(TOM, "tender 2025", "")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exists already");

      assertThat(cases.list(LEA)).extracting(LegalCase::name).containsExactly("Tender 2025");
      assertThat(cases.list(MARA)).extracting(LegalCase::name).containsExactly("Internal review", "Tender 2025");
      assertThat(cases.list(TOM)).isEmpty();
      assertThatThrownBy(() -> cases.list(ALICE)).isInstanceOf(AccessDeniedException.class);

      // tom, legal but not a member, may neither read nor change it; neither may staff.
      long id = tender.id();
      assertThatThrownBy(() -> cases.get(TOM, id)).isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("not a member");
      assertThatThrownBy(() -> cases.addNote(TOM, id, "sneaky")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> cases.addMember(TOM, id, "tom")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> cases.get(ALICE, id)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> cases.get(LEA, review.id())).isInstanceOf(AccessDeniedException.class);
      // An unknown case: legal-admin is told, anyone else is refused without learning whether it exists.
      assertThatThrownBy(() -> cases.get(MARA, 999)).isInstanceOf(CaseNotFoundException.class);
      assertThatThrownBy(() -> cases.get(TOM, 999)).isInstanceOf(AccessDeniedException.class);

      LegalCase changed = cases.addMember(LEA, id, "Tom");
      assertThat(changed.members()).containsExactly("lea", "tom");
      assertThat(cases.get(TOM, id).name()).isEqualTo("Tender 2025");
      assertThatThrownBy(() -> cases.addMember(LEA, id, "tom")).hasMessageContaining("already");
      changed = cases.addCustodian(TOM, id, "Dan@Partner.example.net");
      changed = cases.addCustodian(TOM, id, "eve@example.eu");
      assertThat(changed.custodians()).containsExactly("dan@partner.example.net", "eve@example.eu");
      assertThatThrownBy(() -> cases.addCustodian(TOM, id, "not an address")).isInstanceOf(IllegalArgumentException.class);
      changed = cases.removeCustodian(TOM, id, "eve@example.eu");
      assertThat(changed.custodians()).containsExactly("dan@partner.example.net");
      assertThatThrownBy(() -> cases.saveSearch(LEA, id, "broken", "from:(alice")).isInstanceOf(QuerySyntaxException.class);
      changed = cases.saveSearch(LEA, id, "Tender mail", "subject:tender from:eve@example.eu");
      changed = cases.saveSearch(LEA, id, "BCC to audit", "bcc:bcc-audit@example.eu");
      assertThat(changed.savedSearches()).extracting(s -> s.name()).containsExactly("Tender mail", "BCC to audit");
      long bccSearch = changed.savedSearches().get(1).id();
      changed = cases.removeSearch(LEA, id, bccSearch);
      assertThat(changed.savedSearches()).singleElement().satisfies(s -> {
        assertThat(s.query()).isEqualTo("subject:tender from:eve@example.eu");
        assertThat(s.createdBy()).isEqualTo("lea");
      });
      changed = cases.addNote(TOM, id, "Spoke with counsel; scope is 2025.");
      assertThat(changed.notes()).singleElement().satisfies(n -> {
        assertThat(n.author()).isEqualTo("tom");
        assertThat(n.text()).isEqualTo("Spoke with counsel; scope is 2025.");
      });
      changed = cases.update(LEA, id, "Tender 2025 (EU)", "Procurement irregularities, EU funds", CaseStatus.CLOSED);
      assertThat(changed.status()).isEqualTo(CaseStatus.CLOSED);
      assertThat(changed.name()).isEqualTo("Tender 2025 (EU)");
      changed = cases.removeMember(MARA, id, "tom");
      assertThat(changed.members()).containsExactly("lea");
      assertThatThrownBy(() -> cases.get(TOM, id)).isInstanceOf(AccessDeniedException.class);
      assertThat(cases.get(LEA, id)).isEqualTo(changed);

      AuditPage caseTrail = archive.audit().list(MARA, new AuditQuery(null, "case.", "case:" + id, null, null, 1, 100));
      assertThat(caseTrail.entries()).extracting(AuditEntry::action).first().isEqualTo("case.update");
      assertThat(caseTrail.entries()).extracting(AuditEntry::action).last().isEqualTo("case.create");
      // create, member added, 2 custodians added, 1 removed, 2 searches saved, 1 removed, note, update, member
      // removed; refused and invalid attempts changed nothing and left no case.* entry.
      assertThat(caseTrail.total()).isEqualTo(11);
      AuditPage refusals = archive.audit().list(MARA, new AuditQuery(null, "access.denied", null, null, null, 1, 100));
      assertThat(refusals.entries()).extracting(AuditEntry::actor).contains("alice", "tom", "lea");
      assertThat(refusals.entries()).filteredOn(e -> e.actor().equals("tom")).extracting(AuditEntry::target)
          .contains("case:" + id, "case:999");
      assertThat(archive.audit().verify().clean()).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Holds

  @Test
  void custodianAndQueryHoldsHoldExactlyTheRightMessages() throws Exception {
    String db = "legal_holds";
    List<CorpusGenerator.Item> items = new CorpusGenerator(11, "hold").stream(400).toList();
    try (Archive archive = Archive.open(settings(db))) {
      for (CorpusGenerator.Item item : items) {
        archive.journal().append(item.spoolRecordId(), item.envelope(), item.raw());
      }
      archive.search().catchUp();
      Map<String, Long> archiveIds = archiveIdsByMessageId(db);
      Set<Long> allIds = new HashSet<>(archiveIds.values());
      assertThat(allIds).hasSizeGreaterThan(200);

      // The oracle: each original's addresses (header From/To/Cc are its first envelope's sender and recipients)
      // and dates (the Date header is two seconds before the first receipt), plus every copy's envelope.
      Map<Long, Set<String>> addresses = new HashMap<>();
      Map<Long, List<Instant>> dates = new HashMap<>();
      for (CorpusGenerator.Item item : items) {
        long id = archiveIds.get(normalize(item.messageId()));
        Set<String> set = addresses.computeIfAbsent(id, k -> new HashSet<>());
        set.add(item.envelope().mailFrom().toLowerCase(Locale.ROOT));
        item.envelope().recipients().forEach(r -> set.add(r.toLowerCase(Locale.ROOT)));
        List<Instant> list = dates.computeIfAbsent(id, k -> new ArrayList<>());
        list.add(item.envelope().receivedAt());
        if (item.kind() == CorpusGenerator.Kind.ORIGINAL) {
          list.add(item.envelope().receivedAt().minusSeconds(2));
        }
      }
      Map<String, Integer> counts = new HashMap<>();
      addresses.values().forEach(set -> set.forEach(a -> counts.merge(a, 1, Integer::sum)));
      String custodian = counts.entrySet().stream().filter(e -> e.getKey().endsWith("@example.eu"))
          .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      LocalDate day = LocalDate.of(2024, 1, 2);
      Set<Long> custodianAll = new HashSet<>();
      Set<Long> custodianDay = new HashSet<>();
      for (Long id : allIds) {
        if (addresses.get(id).contains(custodian)) {
          custodianAll.add(id);
          if (dates.get(id).stream().anyMatch(d -> d.atZone(ZoneOffset.UTC).toLocalDate().equals(day))) {
            custodianDay.add(id);
          }
        }
      }
      assertThat(custodianDay).isNotEmpty();
      assertThat(custodianAll).hasSizeGreaterThan(custodianDay.size());

      LegalCase matter = archive.cases().create(LEA, "Hold matter", "");
      long caseId = matter.id();
      assertThat(archive.holds().held(allIds)).isEmpty();

      // A legal user outside the case may not place or see its holds; staff neither.
      assertThatThrownBy(() -> archive.holds().placeQueryHold(TOM, caseId, "budget"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> archive.holds().list(TOM, caseId)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> archive.holds().list(ALICE, caseId)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> archive.holds().placeCustodianHold(LEA, caseId, custodian,
          Optional.of(LocalDate.of(2024, 1, 3)), Optional.of(day))).hasMessageContaining("from must be on or before to");

      Hold dayHold = archive.holds().placeCustodianHold(LEA, caseId, custodian.toUpperCase(Locale.ROOT),
          Optional.of(day), Optional.of(day));
      assertThat(dayHold.kind()).isEqualTo(HoldKind.CUSTODIAN);
      assertThat(dayHold.address()).isEqualTo(custodian);
      assertThat(dayHold.active()).isTrue();
      assertThat(archive.holds().held(allIds)).isEqualTo(custodianDay);

      Hold everHold = archive.holds().placeCustodianHold(LEA, caseId, custodian, Optional.empty(), Optional.empty());
      assertThat(archive.holds().held(allIds)).isEqualTo(custodianAll);

      // What a legal user may search and read: the mail of their open cases' custodians, exactly what a custodian
      // hold without dates holds; legal-admin everything; a legal user with no custodian yet is told why.
      assertThatThrownBy(() -> archive.cases().custodianScope(LEA, "archive.search"))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("add you to a case with custodians");
      archive.cases().addCustodian(LEA, caseId, custodian);
      assertThat(archive.cases().custodianScope(LEA, "archive.search")).contains(Set.of(custodian));
      assertThat(archive.cases().custodianScope(MARA, "archive.search")).isEmpty();
      assertThatThrownBy(() -> archive.cases().custodianScope(TOM, "archive.search"))
          .isInstanceOf(AccessDeniedException.class);
      for (long id : allIds) {
        if (custodianAll.contains(id)) {
          archive.cases().requireReadable(LEA, id, "archive.view");
        } else {
          assertThatThrownBy(() -> archive.cases().requireReadable(LEA, id, "archive.view"))
              .as("message %d", id).isInstanceOf(AccessDeniedException.class);
        }
        archive.cases().requireReadable(MARA, id, "archive.view");
      }
      archive.cases().requireReadable(LEA, 9_999_999L, "archive.view"); // no such message: the caller says not found

      // A query hold holds what the search finds (here checked through the audited, paged search).
      Set<Long> budget = new HashSet<>();
      for (int page = 1; ; page++) {
        SearchResult result = archive.search().search(LEA, "subject:budget OR bcc:bcc-7@example.eu", SearchSort.DATE, page,
            200);
        result.hits().stream().map(SearchHit::id).forEach(budget::add);
        if (page * 200L >= result.total()) {
          break;
        }
      }
      assertThat(budget).isNotEmpty();
      assertThat(archive.search().matchingIds("subject:budget OR bcc:bcc-7@example.eu")).isEqualTo(budget);
      Hold queryHold = archive.holds().placeQueryHold(LEA, caseId, "subject:budget OR bcc:bcc-7@example.eu");
      Set<Long> union = new HashSet<>(custodianAll);
      union.addAll(budget);
      assertThat(archive.holds().held(allIds)).isEqualTo(union);

      // An export selects, for a legal user, only what they may read: their custodians' mail among the matches.
      CaseQueries exportable = new CaseQueries(archive.cases(), archive.search()::matchingIds);
      assertThat(exportable.matchingIds(LEA, "")).isEqualTo(custodianAll);
      Set<Long> budgetOfCustodian = new HashSet<>(budget);
      budgetOfCustodian.retainAll(custodianAll);
      assertThat(exportable.matchingIds(LEA, "subject:budget OR bcc:bcc-7@example.eu")).isEqualTo(budgetOfCustodian);
      assertThat(exportable.matchingIds(MARA, "subject:budget OR bcc:bcc-7@example.eu")).isEqualTo(budget);
      exportable.requireReadable(LEA, custodianAll);
      long outside = allIds.stream().filter(id -> !custodianAll.contains(id)).findFirst().orElseThrow();
      assertThatThrownBy(() -> exportable.requireReadable(LEA, List.of(custodianAll.iterator().next(), outside)))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(archive.holds().list(LEA, caseId)).extracting(Hold::id)
          .containsExactly(dayHold.id(), everHold.id(), queryHold.id());

      // Only legal-admin releases, with a reason; released holds stop holding.
      assertThatThrownBy(() -> archive.holds().release(LEA, everHold.id(), "done"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> archive.holds().release(MARA, everHold.id(), " ")).hasMessageContaining("reason");
      Hold released = archive.holds().release(MARA, everHold.id(), "scope narrowed to 2 January");
      assertThat(released.active()).isFalse();
      assertThat(released.releasedBy()).isEqualTo("mara");
      assertThatThrownBy(() -> archive.holds().release(MARA, everHold.id(), "again"))
          .isInstanceOf(IllegalStateException.class);
      Set<Long> afterRelease = new HashSet<>(custodianDay);
      afterRelease.addAll(budget);
      assertThat(archive.holds().held(allIds)).isEqualTo(afterRelease);

      // A closed case takes no new holds, but its holds stay until released; its custodians leave lea's scope.
      archive.cases().update(LEA, caseId, "Hold matter", "", CaseStatus.CLOSED);
      assertThatThrownBy(() -> archive.cases().custodianScope(LEA, "archive.search"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> archive.holds().placeQueryHold(LEA, caseId, "tender"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      assertThat(archive.holds().held(allIds)).isEqualTo(afterRelease);

      AuditPage holdTrail = archive.audit().list(MARA, new AuditQuery(null, "hold.", "case:" + caseId, null, null, 1, 50));
      assertThat(holdTrail.entries()).extracting(AuditEntry::action)
          .containsExactly("hold.release", "hold.place", "hold.place", "hold.place");
      // The search above went through the audit log (the archive's default search hook).
      assertThat(archive.audit().list(MARA, new AuditQuery("lea", "archive.search", null, null, null, 1, 5)).entries())
          .isNotEmpty().allSatisfy(e -> assertThat(e.detail()).contains("query=\"subject:budget OR bcc:bcc-7@example.eu\"")
              .contains("total=" + budget.size()));
      assertThat(archive.audit().verify().clean()).isTrue();
    }
  }

  private static Map<String, Long> archiveIdsByMessageId(String db) throws Exception {
    Map<String, Long> ids = new HashMap<>();
    try (Connection c = jdbc(db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, message_id FROM archived_message")) {
      while (r.next()) {
        ids.put(normalize(r.getString(2)), r.getLong(1));
      }
    }
    return ids;
  }

  private static String normalize(String messageId) {
    return messageId.replace("<", "").replace(">", "").strip().toLowerCase(Locale.ROOT);
  }
}
