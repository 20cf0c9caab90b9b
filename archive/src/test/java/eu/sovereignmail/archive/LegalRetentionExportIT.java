package eu.sovereignmail.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.blob.BlobUsage;
import eu.sovereignmail.archive.export.ExportFormat;
import eu.sovereignmail.archive.export.ExportPart;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.export.Exports;
import eu.sovereignmail.archive.export.QueryResolver;
import eu.sovereignmail.archive.export.internal.MboxReader;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.retention.AuditSink;
import eu.sovereignmail.archive.retention.FourEyesException;
import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.retention.PurgeOutcome;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.Retention;
import eu.sovereignmail.archive.retention.RetentionPolicy.Scope;
import eu.sovereignmail.archive.retention.Tombstone;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.SearchSort;
import eu.sovereignmail.archive.search.SearchHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Retention, four-eyes purge and case export against a real MariaDB, a real blob store and a real Lucene
 * index: a policy makes messages due, the proposer cannot approve, a second legal-admin does, held
 * messages survive, the rest lose their rows and blobs and leave tombstones, and verify stays clean
 * counting the purged blobs; exports of 200 messages to ZIP whose manifest hashes match the stored bytes
 * and whose signature verifies, an export interrupted by closing the archive and continued after
 * reopening, and an mbox that reads back byte for byte.
 */
class LegalRetentionExportIT {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final Actor MARA = new Actor("mara", Set.of("legal-admin"));
  private static final Actor OLGA = new Actor("olga", Set.of("legal-admin"));
  private static final Actor LEA = new Actor("lea", Set.of("legal"));
  private static final Actor ALICE = new Actor("alice", Set.of("staff"));


  private static ArchiveSettings settings(String database) throws Exception {
    return TestArchives.get().settings(database);
  }

  private static HikariDataSource pool(ArchiveSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.jdbcUser());
    config.setPassword(settings.jdbcPassword());
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  // ---------------------------------------------------------------------------------------------
  // Retention and purge

  /** One message of the retention corpus: its label is in its Message-ID. */
  private static byte[] mail(String label, String from, String to, String extraHeader) {
    return ("Message-ID: <" + label + "@legal.example.eu>\r\n" + extraHeader + "From: " + from + "\r\nTo: " + to
        + "\r\nSubject: matter " + label + "\r\nDate: Mon, 6 Jan 2014 10:00:00 +0000\r\n\r\nAbout " + label + ".\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void journal(Archive archive, String spoolId, byte[] raw, String from, String to, String received)
      throws IOException {
    archive.journal().append(spoolId, new Envelope(from, List.of(to), Direction.INBOUND, "192.0.2.7", null, "gw-it",
        Instant.parse(received)), raw);
  }

  @Test
  void theArchivesOwnRetentionHonoursCaseHoldsAndPurgedMessagesStayOutOfTheIndexEvenAfterARebuild() throws Exception {
    ArchiveSettings settings = settings("legal_purge_wired");
    try (Archive archive = Archive.open(settings); HikariDataSource db = pool(settings)) {
      String old = "2014-03-01T08:00:00Z";
      for (String label : List.of("w1", "w2", "w3")) {
        journal(archive, "s-" + label, mail(label, "alice@example.eu", "partner@example.org", ""), "alice@example.eu",
            "partner@example.org", old);
      }
      journal(archive, "s-w4", mail("w4", "dora@example.eu", "partner@example.org", ""), "dora@example.eu",
          "partner@example.org", old);
      archive.search().catchUp();
      assertThat(archive.search().search(MARA, "subject:matter", SearchSort.DATE, 1, 50).total()).isEqualTo(4);

      // dora is a custodian under a hold in a case; the domain's policy makes all four due.
      long caseId = archive.cases().create(MARA, "Dora", "kept").id();
      archive.holds().placeCustodianHold(MARA, caseId, "dora@example.eu", Optional.empty(), Optional.empty());
      long policy = archive.retention().setPolicy(MARA, Scope.DOMAIN, "example.eu", Period.ofYears(10)).id();
      PurgeProposal proposal = archive.retention().proposePurge(MARA, policy);
      assertThat(proposal.messages()).isEqualTo(3);
      assertThatThrownBy(() -> archive.retention().approve(MARA, proposal.id())).isInstanceOf(FourEyesException.class);
      assertThat(archive.retention().approve(OLGA, proposal.id()).purged()).isEqualTo(3);

      assertThat(archive.search().search(MARA, "subject:matter", SearchSort.DATE, 1, 50).hits())
          .extracting(SearchHit::subject).containsExactly("matter w4");
      archive.search().rebuild();
      archive.search().catchUp();
      assertThat(archive.search().search(MARA, "subject:matter", SearchSort.DATE, 1, 50).hits())
          .as("a rebuilt index does not bring purged messages back").extracting(SearchHit::subject)
          .containsExactly("matter w4");
      assertThat(archive.verify(List.of()).clean()).isTrue();
      assertThat(archive.audit().verify().clean()).isTrue();
      assertThat(count(db, "SELECT COUNT(*) FROM audit_entry WHERE action IN ('purge.propose', 'purge.approve', "
          + "'hold.place')")).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aPolicyMakesMessagesDueAndOnlyASecondAdminCanPurgeThemHoldsWinAndVerifyStaysClean() throws Exception {
    ArchiveSettings settings = settings("legal_purge");
    Set<Long> held = ConcurrentHashMap.newKeySet();
    List<Long> removedFromIndex = new CopyOnWriteArrayList<>();
    List<String> audit = new CopyOnWriteArrayList<>();
    AuditSink auditSink = (actor, action, target, detail) -> audit.add(action + " " + actor.name() + " " + target);
    try (Archive archive = Archive.open(settings); HikariDataSource db = pool(settings);
        Retention retention = new Retention(db, archive.blobs(), ids -> intersect(ids, held), removedFromIndex::addAll,
            auditSink, Clock.fixed(NOW, ZoneOffset.UTC))) {
      String old = "2014-03-01T08:00:00Z";
      for (String label : List.of("p1", "p2", "p3", "p4", "h1", "h2")) {
        journal(archive, "s-" + label, mail(label, "alice@example.eu", "partner@example.org", ""), "alice@example.eu",
            "partner@example.org", old);
      }
      // Two journal copies with different bytes merge onto one message (two blobs); identical bytes twice: one blob.
      journal(archive, "s-cp-a", mail("cp", "alice@example.eu", "partner@example.org", ""), "alice@example.eu",
          "partner@example.org", old);
      journal(archive, "s-cp-b", mail("cp", "alice@example.eu", "partner@example.org", "Received: by mx2\r\n"),
          "alice@example.eu", "bob@example.eu", "2014-03-01T08:00:05Z");
      journal(archive, "s-same-1", mail("same", "bob@example.eu", "partner@example.org", ""), "bob@example.eu",
          "partner@example.org", old);
      journal(archive, "s-same-2", mail("same", "bob@example.eu", "partner@example.org", ""), "bob@example.eu",
          "partner@example.org", old);
      // Not due: too recent; no policy covers it; carol's mailbox keeps 30 years, which wins over the domain's 10.
      journal(archive, "s-r1", mail("r1", "alice@example.eu", "partner@example.org", ""), "alice@example.eu",
          "partner@example.org", "2024-01-01T00:00:00Z");
      journal(archive, "s-x1", mail("x1", "a@example.org", "b@example.net", ""), "a@example.org", "b@example.net",
          "2010-01-01T00:00:00Z");
      journal(archive, "s-m1", mail("m1", "alice@example.eu", "carol@example.eu", ""), "alice@example.eu",
          "carol@example.eu", old);
      archive.search().catchUp();
      Map<String, Long> ids = archivedIds(db);
      Map<Long, Set<String>> blobsOf = blobsByArchivedId(db);
      assertThat(ids).hasSize(11);
      assertThat(blobsOf.get(ids.get("cp"))).hasSize(2);
      assertThat(blobsOf.get(ids.get("same"))).hasSize(1);
      long entries = count(db, "SELECT COUNT(*) FROM journal_entry");
      held.add(ids.get("h1"));

      // Only legal-admins manage retention.
      assertThatThrownBy(() -> retention.setPolicy(LEA, Scope.DOMAIN, "example.eu", Period.ofYears(1)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> retention.policies(ALICE)).isInstanceOf(AccessDeniedException.class);
      long domain = retention.setPolicy(MARA, Scope.DOMAIN, "Example.EU", Period.ofYears(10)).id();
      long carol = retention.setPolicy(MARA, Scope.MAILBOX, "carol@example.eu", Period.ofYears(30)).id();
      assertThat(retention.policies(OLGA)).hasSize(2);

      // The job only computes what is due.
      assertThat(retention.computeDue()).extracting(s -> s.policyId() + "=" + s.due())
          .containsExactlyInAnyOrder(domain + "=8", carol + "=0");
      assertThat(retention.due(MARA)).singleElement().satisfies(s -> assertThat(s.due()).isEqualTo(8));
      assertThat(count(db, "SELECT COUNT(*) FROM archived_message")).isEqualTo(11);

      // mara proposes; h1 is held now and left out.
      PurgeProposal proposal = retention.proposePurge(MARA, domain);
      assertThat(proposal.status()).isEqualTo(PurgeProposal.Status.PENDING);
      assertThat(proposal.messages()).isEqualTo(7);
      assertThat(proposal.policyId()).contains(domain);
      assertThat(retention.proposalMessages(OLGA, proposal.id(), 0, 100)).doesNotContain(ids.get("h1"))
          .contains(ids.get("h2"), ids.get("cp"), ids.get("same"));

      // Four eyes: not the proposer, not a mere legal user.
      assertThatThrownBy(() -> retention.approve(MARA, proposal.id())).isInstanceOf(FourEyesException.class);
      assertThatThrownBy(() -> retention.approve(LEA, proposal.id())).isInstanceOf(AccessDeniedException.class);
      assertThat(retention.proposal(MARA, proposal.id()).orElseThrow().status()).isEqualTo(PurgeProposal.Status.PENDING);
      assertThat(removedFromIndex).isEmpty();

      // A hold placed after the proposal still wins at execution.
      held.add(ids.get("h2"));
      PurgeOutcome outcome = retention.approve(OLGA, proposal.id());
      assertThat(outcome.purged()).isEqualTo(6);
      assertThat(outcome.skippedHeld()).isEqualTo(1);
      assertThat(outcome.blobsDeleted()).isEqualTo(7);
      assertThatThrownBy(() -> retention.approve(OLGA, proposal.id())).isInstanceOf(IllegalStateException.class);

      List<String> purgedLabels = List.of("p1", "p2", "p3", "p4", "cp", "same");
      Set<Long> purgedIds = new HashSet<>();
      purgedLabels.forEach(label -> purgedIds.add(ids.get(label)));
      Map<String, Long> left = archivedIds(db);
      assertThat(left.keySet()).containsExactlyInAnyOrder("h1", "h2", "r1", "x1", "m1");
      assertThat(removedFromIndex).containsExactlyInAnyOrderElementsOf(purgedIds);
      for (String label : purgedLabels) {
        for (String sha : blobsOf.get(ids.get(label))) {
          assertThat(archive.blobs().exists(new BlobId(sha))).as("blob of %s", label).isFalse();
        }
        assertThat(archive.search().show(LEA, ids.get(label))).as(label).isEmpty();
      }
      for (String label : left.keySet()) {
        for (String sha : blobsOf.get(ids.get(label))) {
          assertThat(archive.blobs().exists(new BlobId(sha))).as("blob of %s", label).isTrue();
        }
      }
      assertThat(count(db, "SELECT COUNT(*) FROM archived_recipient WHERE archived_ref IN (" + join(purgedIds) + ")"))
          .isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM archived_copy WHERE archived_ref IN (" + join(purgedIds) + ")")).isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM journal_entry")).as("journal entries stay").isEqualTo(entries);
      assertThat(count(db, "SELECT COUNT(*) FROM purged_entry")).isEqualTo(8);

      List<Tombstone> tombstones = retention.tombstones(OLGA, proposal.id());
      assertThat(tombstones).hasSize(7).allSatisfy(t -> {
        assertThat(t.proposedBy()).isEqualTo("mara");
        assertThat(t.approvedBy()).isEqualTo("olga");
        assertThat(t.purgedAt()).isEqualTo(NOW);
        assertThat(t.blobDeleted()).isTrue();
        assertThat(t.firstReceivedAt()).isBefore(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(t.sentAt()).contains(Instant.parse("2014-01-06T10:00:00Z"));
        assertThat(t.messageId()).isPresent();
      });
      assertThat(tombstones).extracting(Tombstone::sha256).containsExactlyInAnyOrderElementsOf(
          purgedLabels.stream().flatMap(label -> blobsOf.get(ids.get(label)).stream()).toList());
      PurgeProposal executed = retention.proposal(MARA, proposal.id()).orElseThrow();
      assertThat(executed.status()).isEqualTo(PurgeProposal.Status.EXECUTED);
      assertThat(executed.decidedBy()).contains("olga");
      assertThat(executed.purged()).isEqualTo(6);
      assertThat(executed.skippedHeld()).isEqualTo(1);

      // The chain still verifies; the purged blobs are counted, not reported missing.
      VerifyReport report = archive.verify(List.of());
      assertThat(report.firstChainBreak()).isEmpty();
      assertThat(report.blobProblems()).isEmpty();
      assertThat(report.clean()).isTrue();
      assertThat(report.blobsPurged()).isEqualTo(7);
      assertThat(report.entriesChecked()).isEqualTo(entries);

      // An explicit proposal can be withdrawn; a rejected one cannot be approved.
      PurgeProposal mistake = retention.proposePurge(OLGA, List.of(ids.get("r1")), "journaled by mistake");
      assertThat(retention.reject(OLGA, mistake.id(), "withdrawn").status()).isEqualTo(PurgeProposal.Status.REJECTED);
      assertThatThrownBy(() -> retention.approve(MARA, mistake.id())).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> retention.proposePurge(OLGA, List.of(999_999L), "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999999");
      assertThatThrownBy(() -> retention.proposePurge(OLGA, List.of(ids.get("h1")), "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hold");
      assertThatThrownBy(() -> retention.proposePurge(MARA, carol)).hasMessageContaining("nothing is due");
      assertThat(archivedIds(db)).containsKey("r1");

      // A blob gone without a tombstone is still a problem.
      String r1Blob = blobsOf.get(ids.get("r1")).iterator().next();
      archive.blobs().delete(new BlobId(r1Blob));
      VerifyReport damaged = archive.verify(List.of());
      assertThat(damaged.clean()).isFalse();
      assertThat(damaged.blobProblems()).singleElement().satisfies(p -> {
        assertThat(p.id().hex()).isEqualTo(r1Blob);
        assertThat(p.kind()).isEqualTo(VerifyReport.BlobProblem.Kind.MISSING);
      });
      assertThat(damaged.blobsPurged()).isEqualTo(7);

      assertThat(audit).containsSubsequence("retention.set mara domain:example.eu", "purge.propose mara policy:" + domain,
          "access.denied mara proposal:" + proposal.id(), "access.denied lea purge.approve",
          "purge.approve olga proposal:" + proposal.id(), "purge.execute olga proposal:" + proposal.id(),
          "purge.reject olga proposal:" + mistake.id());
      assertThat(audit).contains("access.denied lea retention.set", "access.denied alice retention.view");
    }
  }

  private static Set<Long> intersect(Collection<Long> ids, Set<Long> held) {
    Set<Long> found = new HashSet<>(ids);
    found.retainAll(held);
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  @Test
  void anExportOf200MessagesToZipHasAManifestMatchingTheStoredBytesAndASignatureThatVerifies() throws Exception {
    ArchiveSettings settings = settings("legal_export");
    try (Archive archive = Archive.open(settings); HikariDataSource db = pool(settings)) {
      journalCorpus(archive, 11, 230);
      Map<Long, String> shas = blobById(db);
      assertThat(shas).hasSizeGreaterThanOrEqualTo(230);
      List<Long> selection = shas.keySet().stream().sorted().limit(200).toList();
      Exports exports = archive.exports();
      long caseId = archive.cases().create(MARA, "Export test", "200 messages").id();

      // The archive refuses exports to staff and to legal users who are not members of the case.
      assertThatThrownBy(() -> exports.startIds(ALICE, caseId, selection, ExportFormat.ZIP))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("role");
      assertThatThrownBy(() -> exports.startIds(LEA, caseId, selection, ExportFormat.ZIP))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("case " + caseId);
      long id = exports.startIds(MARA, caseId, selection, ExportFormat.ZIP);
      ExportProgress done = awaitDone(exports, id);
      assertThat(done.total()).isEqualTo(200);
      assertThat(done.done()).isEqualTo(200);
      assertThat(done.percent()).isEqualTo(100);
      assertThat(exports.list(OLGA, caseId)).extracting(ExportProgress::id).contains(id);

      Path zip = exports.open(MARA, id);
      assertThat(done.bytes()).contains(Files.size(zip));
      assertThat(done.sha256()).contains(BlobId.of(Files.readAllBytes(zip)).hex());
      JsonNode manifest = checkZip(zip, selection, shas, exports.publicKeyPem());
      for (JsonNode message : manifest.get("messages")) {
        long archivedId = message.get("archiveId").asLong();
        assertThat(archive.blobs().get(new BlobId(message.get("sha256").asText())))
            .as("stored bytes of %d", archivedId).hasSize(message.get("size").asInt());
        assertThat(message.get("journalEntryHash").asText()).isEqualTo(firstEntryHash(db, archivedId));
        assertThat(message.get("from").asText()).contains("@");
        assertThat(message.get("recipients")).isNotEmpty();
      }
      // The files beside the ZIP are the same manifest, signature and key.
      assertThat(Files.readAllBytes(exports.open(MARA, id, ExportPart.MANIFEST_JSON)))
          .isEqualTo(entry(zip, "manifest.json"));
      assertThat(Files.readAllBytes(exports.open(MARA, id, ExportPart.SIGNATURE))).isEqualTo(entry(zip, "manifest.json.sig"));
      assertThat(Files.readString(exports.open(MARA, id, ExportPart.PUBLIC_KEY))).isEqualTo(exports.publicKeyPem());
      assertThat(Files.readAllLines(exports.open(MARA, id, ExportPart.MANIFEST_CSV))).hasSize(201);
      assertThat(Files.getPosixFilePermissions(zip.getParent())).hasSize(3);
    }
  }

  @Test
  void anExportInterruptedByClosingTheArchiveContinuesAfterReopeningWithoutStartingOver() throws Exception {
    ArchiveSettings settings = settings("legal_resume");
    Map<Long, String> shas;
    List<Long> selection;
    long id;
    CountDownLatch release = new CountDownLatch(1);
    try (Archive archive = Archive.open(settings); HikariDataSource db = pool(settings)) {
      journalCorpus(archive, 12, 200);
      shas = blobById(db);
      selection = shas.keySet().stream().sorted().limit(200).toList();
      assertThat(selection).hasSize(200);
      CountingBlobs gated = new CountingBlobs(archive.blobs(), 61, release);
      Exports first = exports(db, gated, settings);
      id = first.startIds(LEA, 5, selection, ExportFormat.ZIP);
      assertThat(gated.reached.await(60, TimeUnit.SECONDS)).as("the 61st message is being read").isTrue();
      // Stop while the 61st message is in flight: it is finished, then the writer stops.
      Thread closer = Thread.ofPlatform().start(first::close);
      await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
      release.countDown();
      closer.join(Duration.ofSeconds(60));
      assertThat(closer.isAlive()).isFalse();
      assertThat(gated.gets.get()).isEqualTo(61);
    }

    // Reopened (as a tool, without the archive resuming it by itself): the export continues where it stopped.
    ArchiveSettings reader = settings.withSearch(settings.search().withIndexer(false));
    try (Archive archive = Archive.open(reader); HikariDataSource db = pool(settings)) {
      CountingBlobs counting = new CountingBlobs(archive.blobs(), Integer.MAX_VALUE, new CountDownLatch(0));
      try (Exports second = exports(db, counting, settings)) {
        ExportProgress stopped = second.progress(LEA, id);
        assertThat(stopped.status()).isEqualTo(ExportProgress.Status.RUNNING);
        assertThat(stopped.done()).isEqualTo(61);
        assertThat(stopped.percent()).isEqualTo(30);
        assertThat(second.resumeUnfinished()).isEqualTo(1);
        ExportProgress done = awaitDone(second, id);
        assertThat(done.done()).isEqualTo(200);
        assertThat(counting.gets.get()).as("only the messages not yet written are read again").isEqualTo(139);
        checkZip(second.open(LEA, id), selection, shas, second.publicKeyPem());
        Path exportDirectory = second.open(LEA, id).getParent();
        await().atMost(Duration.ofSeconds(30)).until(() -> ExportsStaging.leftovers(exportDirectory).isEmpty());
      }
    }
  }

  @Test
  void anMboxExportReadsBackByteForByteInSelectionOrder() throws Exception {
    ArchiveSettings settings = settings("legal_mbox");
    try (Archive archive = Archive.open(settings); HikariDataSource db = pool(settings)) {
      journalCorpus(archive, 13, 40);
      Map<Long, String> shas = blobById(db);
      List<Long> selection = shas.keySet().stream().sorted().limit(30).toList();
      long caseId = archive.cases().create(OLGA, "Mbox test", "").id();
      long id = archive.exports().startIds(OLGA, caseId, selection, ExportFormat.MBOX);
      awaitDone(archive.exports(), id);

      Path mbox = archive.exports().open(OLGA, id);
      assertThat(mbox.getFileName().toString()).endsWith(".mbox");
      List<byte[]> messages = MboxReader.read(Files.readAllBytes(mbox));
      assertThat(messages).hasSize(30);
      for (int i = 0; i < selection.size(); i++) {
        assertThat(messages.get(i)).as("message %d", selection.get(i))
            .isEqualTo(archive.blobs().get(new BlobId(shas.get(selection.get(i)))));
      }
      byte[] manifest = Files.readAllBytes(archive.exports().open(OLGA, id, ExportPart.MANIFEST_JSON));
      byte[] signature = Files.readAllBytes(archive.exports().open(OLGA, id, ExportPart.SIGNATURE));
      assertThat(CheckpointKey.fromPublicKeyPem(archive.exports().publicKeyPem()).verify(manifest, signature)).isTrue();
      assertThat(new ObjectMapper().readTree(manifest).get("format").asText()).isEqualTo("MBOX");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static Exports exports(DataSource db, BlobStore blobs, ArchiveSettings settings) throws IOException {
    return new Exports(db, blobs, CheckpointKey.fromFile(settings.checkpointKeyFileOrDefault()), settings.exportDir(),
        (actor, caseId) -> true, QueryResolver.unlimited(query -> Set.of()), AuditSink.logging(), Clock.systemUTC());
  }

  private static ExportProgress awaitDone(Exports exports, long id) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(
        () -> exports.progress(MARA, id).status() != ExportProgress.Status.RUNNING);
    ExportProgress progress = exports.progress(MARA, id);
    assertThat(progress.error()).isEmpty();
    assertThat(progress.status()).isEqualTo(ExportProgress.Status.DONE);
    return progress;
  }

  /** Checks every EML against the manifest and the stored hashes, and the signature; returns the manifest. */
  private static JsonNode checkZip(Path zip, List<Long> selection, Map<Long, String> shas, String publicKeyPem)
      throws Exception {
    byte[] manifestBytes = entry(zip, "manifest.json");
    byte[] signature = entry(zip, "manifest.json.sig");
    CheckpointKey published = CheckpointKey.fromPublicKeyPem(publicKeyPem);
    assertThat(published.verify(manifestBytes, signature)).as("signature with the published key").isTrue();
    assertThat(CheckpointKey.fromPublicKeyPem(new String(entry(zip, "signing-key.pem"), StandardCharsets.US_ASCII))
        .verify(manifestBytes, signature)).isTrue();
    byte[] altered = manifestBytes.clone();
    altered[altered.length / 2] ^= 1;
    assertThat(published.verify(altered, signature)).as("an altered manifest does not verify").isFalse();

    JsonNode manifest = new ObjectMapper().readTree(manifestBytes);
    assertThat(manifest.get("count").asInt()).isEqualTo(selection.size());
    assertThat(manifest.get("missing")).isEmpty();
    assertThat(manifest.get("signature").get("keyId").asText()).isEqualTo(published.keyId());
    List<Long> listed = new ArrayList<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (JsonNode message : manifest.get("messages")) {
        long archivedId = message.get("archiveId").asLong();
        listed.add(archivedId);
        String sha = message.get("sha256").asText();
        assertThat(sha).as("manifest hash of %d", archivedId).isEqualTo(shas.get(archivedId));
        ZipEntry eml = file.getEntry("messages/" + archivedId + ".eml");
        assertThat(eml).as("entry of %d", archivedId).isNotNull();
        byte[] bytes = file.getInputStream(eml).readAllBytes();
        assertThat(BlobId.of(bytes).hex()).isEqualTo(sha);
        assertThat(message.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(message.get("journalEntryHash").asText()).hasSize(64);
      }
      assertThat(file.stream().filter(e -> e.getName().startsWith("messages/")).count()).isEqualTo(selection.size());
      String csv = new String(file.getInputStream(file.getEntry("manifest.csv")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(csv.split("\r\n")).hasSize(selection.size() + 1);
    }
    assertThat(listed).containsExactlyElementsOf(selection);
    return manifest;
  }

  private static byte[] entry(Path zip, String name) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      ZipEntry entry = file.getEntry(name);
      assertThat(entry).as(name).isNotNull();
      return file.getInputStream(entry).readAllBytes();
    }
  }

  /** Journals {@code count} generated distinct messages (from 4 threads, so they group-commit) and indexes them. */
  private static void journalCorpus(Archive archive, long seed, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> appends = new ArrayList<>();
      new CorpusGenerator(seed, "legal" + seed + "-", new CorpusGenerator.Shape(2_000, 0.2, 0.0, 0.3)).stream(count)
          .forEach(item -> appends.add(pool.submit(() -> archive.journal().append(item.spoolRecordId(), item.envelope(),
              item.raw()))));
      for (Future<?> append : appends) {
        append.get();
      }
    } finally {
      pool.shutdown();
    }
    archive.search().catchUp();
    assertThat(archive.search().status().lag()).isZero();
  }

  private static Map<String, Long> archivedIds(DataSource db) throws Exception {
    Map<String, Long> found = new LinkedHashMap<>();
    query(db, "SELECT id, message_id FROM archived_message ORDER BY id",
        row -> found.put(row.getString(2).replaceAll("^<|@.*$", ""), row.getLong(1)));
    return found;
  }

  private static Map<Long, Set<String>> blobsByArchivedId(DataSource db) throws Exception {
    Map<Long, Set<String>> found = new LinkedHashMap<>();
    query(db, "SELECT c.archived_ref, m.sha256 FROM archived_copy c JOIN message m ON m.id = c.message_ref",
        row -> found.computeIfAbsent(row.getLong(1), k -> new HashSet<>()).add(row.getString(2)));
    return found;
  }

  private static Map<Long, String> blobById(DataSource db) throws Exception {
    Map<Long, String> found = new LinkedHashMap<>();
    query(db, "SELECT id, blob_sha256 FROM archived_message ORDER BY id", row -> found.put(row.getLong(1), row.getString(2)));
    return found;
  }

  private static String firstEntryHash(DataSource db, long archivedId) throws Exception {
    List<String> found = new ArrayList<>();
    query(db, "SELECT e.entry_hash FROM archived_copy c JOIN archived_message a ON a.id = c.archived_ref"
        + " JOIN journal_entry e ON e.seq = c.entry_seq WHERE c.archived_ref = " + archivedId
        + " AND c.message_ref = a.message_ref ORDER BY c.entry_seq LIMIT 1", row -> found.add(row.getString(1)));
    return found.getFirst();
  }

  private static long count(DataSource db, String sql) throws Exception {
    long[] value = new long[1];
    query(db, sql, row -> value[0] = row.getLong(1));
    return value[0];
  }

  private static String join(Collection<Long> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }

  @FunctionalInterface
  private interface RowConsumer {
    void accept(ResultSet row) throws Exception;
  }

  private static void query(DataSource db, String sql, RowConsumer consumer) throws Exception {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet row = s.executeQuery()) {
      while (row.next()) {
        consumer.accept(row);
      }
    }
  }

  /** Lists what an export left in its directory besides its finished files. */
  private static final class ExportsStaging {
    static List<Path> leftovers(Path exportDirectory) throws IOException {
      try (Stream<Path> files = Files.list(exportDirectory)) {
        return files.filter(p -> Files.isDirectory(p)).toList();
      }
    }
  }

  /**
   * The archive's blob store, counting reads; the read numbered {@code gateAt} signals and waits for
   * {@code release} (so a test can stop an export while a message is in flight).
   */
  private static final class CountingBlobs implements BlobStore {
    private final BlobStore delegate;
    private final int gateAt;
    private final CountDownLatch release;
    final CountDownLatch reached = new CountDownLatch(1);
    final AtomicInteger gets = new AtomicInteger();

    CountingBlobs(BlobStore delegate, int gateAt, CountDownLatch release) {
      this.delegate = delegate;
      this.gateAt = gateAt;
      this.release = release;
    }

    @Override
    public BlobId put(byte[] raw) throws IOException {
      return delegate.put(raw);
    }

    @Override
    public byte[] get(BlobId id) throws IOException {
      if (gets.incrementAndGet() == gateAt) {
        reached.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      return delegate.get(id);
    }

    @Override
    public boolean exists(BlobId id) throws IOException {
      return delegate.exists(id);
    }

    @Override
    public boolean delete(BlobId id) throws IOException {
      return delegate.delete(id);
    }

    @Override
    public Stream<BlobId> ids() throws IOException {
      return delegate.ids();
    }

    @Override
    public BlobUsage usage() throws IOException {
      return delegate.usage();
    }
  }
}
