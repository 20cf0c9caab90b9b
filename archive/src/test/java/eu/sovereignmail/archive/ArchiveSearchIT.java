package eu.sovereignmail.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.message.MalformedMimeCorpus;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.AuditEvent;
import eu.sovereignmail.archive.search.JournalCopy;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchRefusedException;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Indexing and search against a real MariaDB and a real Lucene index: a known corpus and a table of
 * queries with their expected hits, envelope visibility and audit, then a thousand generated messages
 * with duplicates and journal copies plus mime4j's malformed corpus, all retrievable and counted right.
 */
class ArchiveSearchIT {
  private static final Actor LEGAL = new Actor("lea", Set.of("legal"));
  private static final Actor STAFF = new Actor("alice", Set.of("staff"));


  private static ArchiveSettings settings(String database) throws Exception {
    return TestArchives.get().settings(database);
  }

  // ---------------------------------------------------------------------------------------------
  // The query table

  /** Query → the labels of the messages it must find (a legal reviewer searching). */
  private static final Map<String, Set<String>> QUERIES = new LinkedHashMap<>();

  private static void expect(String query, String... labels) {
    QUERIES.put(query, new TreeSet<>(List.of(labels)));
  }

  static {
    expect("budget", "m01", "m02");
    expect("from:alice", "m01", "m07", "m12");
    expect("from:alice@example.eu", "m01", "m07", "m12");
    expect("from:\"Alice Martin\"", "m01", "m07");
    expect("to:bob", "m01", "m04", "m13");
    expect("cc:carol", "m02");
    expect("to:carol", "m12");
    expect("participant:carol", "m02", "m03", "m12");
    expect("bcc:lea@example.eu", "m04");
    expect("participant:lea", "m04");
    expect("bcc:bcc-audit", "m05");
    expect("bcc:dan@partner.example.net", "m05", "m14");
    expect("subject:hearing", "m03", "m14");
    expect("subject:\"court hearing\"", "m03", "m14");
    expect("body:hearing", "m01", "m03", "m14");
    expect("body:secretscript");
    expect("attachment:testimony", "m04");
    expect("attachment:budget", "m02");
    expect("filename:figures.csv", "m11");
    expect("filename:invoice", "m13");
    expect("filename:testimony");
    expect("has:attachment", "m02", "m04", "m11", "m13");
    expect("-has:attachment", "m01", "m03", "m05", "m07", "m08", "m09", "m10", "m12", "m14");
    expect("after:2025-04-01", "m10", "m11", "m12", "m13");
    expect("before:2025-01-01", "m08");
    expect("on:2025-01-10", "m01", "m09");
    expect("on:2025-02", "m03", "m04", "m14");
    expect("after:2025-02-01 before:2025-03-01", "m03", "m04", "m14");
    expect("size>10k", "m08");
    expect("size>10k OR from:judy", "m08", "m10");
    expect("direction:inbound", "m03", "m04", "m08", "m10", "m13");
    expect("direction:outbound", "m02", "m05", "m07", "m12", "m14");
    expect("direction:internal", "m01", "m09", "m11");
    expect("messageid:<m05@test.example.eu>", "m05");
    expect("messageid:M05@TEST.example.eu", "m05");
    expect("\"budget looks fine\"", "m02");
    expect("\"fine budget\"");
    expect("hearing -subject:hearing", "m01");
    expect("hearing OR tender", "m01", "m03", "m05", "m14");
    expect("(from:bob OR from:carol) hearing", "m03", "m14");
    expect("café", "m07");
    expect("cafe", "m07");
    expect("zebra", "m10");
    expect("minutes", "m09");
    expect("draft", "m01", "m02", "m09");
    expect("budg*", "m01", "m02");
    expect("example.org", "m02", "m03", "m07", "m12", "m13");
    expect("NOT direction:inbound has:attachment", "m02", "m11");
    expect("procurement", "m04", "m05");
    expect("from:example.eu direction:internal", "m01", "m09", "m11");
  }

  @Test
  void queryTableFindsExactlyTheExpectedMessages() throws Exception {
    List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    try (Archive archive = Archive.open(settings("search_queries"), audit::add)) {
      Map<String, byte[]> raw = journalKnownCorpus(archive);
      archive.search().catchUp();
      assertThat(archive.search().status().lag()).isZero();
      assertThat(archive.search().status().archivedMessages()).isEqualTo(13);

      Map<Long, String> labels = new HashMap<>();
      for (SearchHit hit : all(archive.search(), LEGAL, "-zzzznothing")) {
        labels.put(hit.id(), label(hit));
      }
      assertThat(labels).hasSize(13);

      assertThat(QUERIES).hasSizeGreaterThanOrEqualTo(40);
      List<String> failures = new ArrayList<>();
      for (Map.Entry<String, Set<String>> row : QUERIES.entrySet()) {
        Set<String> found = all(archive.search(), LEGAL, row.getKey()).stream().map(ArchiveSearchIT::label)
            .collect(Collectors.toCollection(TreeSet::new));
        if (!found.equals(row.getValue())) {
          failures.add(row.getKey() + " → expected " + row.getValue() + " but found " + found);
        }
      }
      assertThat(failures).as("queries with the wrong hits").isEmpty();

      checkOrderPagesAndSnippets(archive.search());
      checkEnvelopeVisibility(archive.search(), labels);
      checkShowAndRaw(archive.search(), labels, raw);
      assertThat(audit).filteredOn(e -> e instanceof AuditEvent.Searched).hasSizeGreaterThan(QUERIES.size());
      assertThat(audit).filteredOn(e -> e instanceof AuditEvent.Refused).hasSize(1);
      assertThat(audit).filteredOn(e -> e instanceof AuditEvent.Viewed).isNotEmpty()
          .allSatisfy(e -> assertThat(e.actor()).isIn(LEGAL, STAFF));
    }
  }

  private static void checkOrderPagesAndSnippets(ArchiveSearch search) {
    SearchResult byDate = search.search(LEGAL, "budget", SearchSort.DATE, 1, 10);
    assertThat(byDate.hits()).extracting(ArchiveSearchIT::label).containsExactly("m02", "m01");
    SearchResult byRelevance = search.search(LEGAL, "budget", SearchSort.RELEVANCE, 1, 10);
    assertThat(byRelevance.total()).isEqualTo(2);

    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      SearchResult result = search.search(LEGAL, "-has:attachment", SearchSort.DATE, page, 4);
      assertThat(result.total()).isEqualTo(9);
      result.hits().forEach(h -> paged.add(label(h)));
    }
    assertThat(paged).hasSize(9).doesNotHaveDuplicates();
    List<Instant> dates = search.search(LEGAL, "-has:attachment", SearchSort.DATE, 1, 9).hits().stream()
        .map(SearchHit::date).toList();
    assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    SearchHit m01 = search.search(LEGAL, "body:hearing from:alice", SearchSort.DATE, 1, 10).hits().get(0);
    assertThat(m01.snippets()).anySatisfy(s -> assertThat(s).contains("<em>hearing</em>"));
    SearchHit m03 = search.search(LEGAL, "subject:court", SearchSort.DATE, 1, 10).hits().stream()
        .filter(h -> label(h).equals("m03")).findFirst().orElseThrow();
    assertThat(m03.snippets()).anySatisfy(s -> assertThat(s).contains("<em>Court</em>"));
  }

  private static void checkEnvelopeVisibility(ArchiveSearch search, Map<Long, String> labels) {
    assertThatThrownBy(() -> search.search(STAFF, "budget bcc:lea", SearchSort.DATE, 1, 10))
        .isInstanceOf(SearchRefusedException.class).hasMessageContaining("position 8");
    assertThat(search.search(STAFF, "participant:lea", SearchSort.DATE, 1, 10).total()).isZero();
    SearchHit staffView = search.search(STAFF, "messageid:m04@test.example.eu", SearchSort.DATE, 1, 10).hits().get(0);
    assertThat(staffView.envelopeVisible()).isFalse();
    assertThat(staffView.envelopeRecipients()).isEmpty();
    SearchHit legalView = search.search(LEGAL, "messageid:m04@test.example.eu", SearchSort.DATE, 1, 10).hits().get(0);
    assertThat(legalView.envelopeVisible()).isTrue();
    assertThat(legalView.envelopeRecipients()).contains("lea@example.eu", "bob@example.eu");
  }

  private static void checkShowAndRaw(ArchiveSearch search, Map<Long, String> labels, Map<String, byte[]> raw)
      throws Exception {
    long m05 = idOf(labels, "m05");
    MessageDetail legal = search.show(LEGAL, m05).orElseThrow();
    assertThat(legal.envelopeVisible()).isTrue();
    assertThat(legal.copies()).hasSize(2);
    assertThat(legal.copies()).flatExtracting(JournalCopy::recipients)
        .contains("dan@partner.example.net", "bcc-audit@example.eu");
    assertThat(legal.summary().copies()).isEqualTo(2);
    assertThat(legal.headers()).anySatisfy(h -> assertThat(h.name()).isEqualTo("Subject"));
    MessageDetail staff = search.show(STAFF, m05).orElseThrow();
    assertThat(staff.envelopeVisible()).isFalse();
    assertThat(staff.copies()).isEmpty();

    long m04 = idOf(labels, "m04");
    MessageDetail evidence = search.show(LEGAL, m04).orElseThrow();
    assertThat(evidence.parts()).anySatisfy(p -> assertThat(p.fileName()).isEqualTo("evidence.zip"));
    long m03 = idOf(labels, "m03");
    assertThat(search.show(LEGAL, m03).orElseThrow().bodyText()).contains("hearing").doesNotContain("secretscript");
    long m10 = idOf(labels, "m10");
    assertThat(search.show(LEGAL, m10).orElseThrow().summary().malformed()).isTrue();

    long m01 = idOf(labels, "m01");
    assertThat(search.show(LEGAL, m01).orElseThrow().summary().copies()).isEqualTo(2);
    for (Map.Entry<Long, String> entry : labels.entrySet()) {
      assertThat(search.raw(LEGAL, entry.getKey())).as(entry.getValue()).hasValue(raw.get(entry.getValue()));
    }
    assertThat(search.show(LEGAL, 999_999)).isEmpty();
  }

  private static long idOf(Map<Long, String> labels, String label) {
    return labels.entrySet().stream().filter(e -> e.getValue().equals(label)).findFirst().orElseThrow().getKey();
  }

  private static List<SearchHit> all(ArchiveSearch search, Actor actor, String query) {
    return search.search(actor, query, SearchSort.DATE, 1, ArchiveSearch.MAX_PAGE_SIZE).hits();
  }

  /** m01 … from the Message-ID, or from the subject for the message without one. */
  private static String label(SearchHit hit) {
    if (hit.messageId() == null) {
      return "m09";
    }
    return hit.messageId().substring(1, hit.messageId().indexOf('@'));
  }

  /** Journals the known corpus; returns each label's first journaled bytes. */
  private static Map<String, byte[]> journalKnownCorpus(Archive archive) throws Exception {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    int[] spool = {0};
    Journaler journal = (label, direction, bytes, recipients) -> {
      raw.putIfAbsent(label, bytes);
      Envelope envelope = new Envelope("sender@example.eu", recipients, direction, "192.0.2.1", null, "gw-it",
          Instant.parse("2025-06-01T00:00:00Z").plusSeconds(spool[0]));
      archive.journal().append("q-" + spool[0]++, envelope, bytes);
    };
    byte[] m01 = mail("m01", "Alice Martin <alice@example.eu>", "bob@example.eu", null, "Budget 2025 draft",
        "Fri, 10 Jan 2025 10:00:00 +0000", plain("Please review the budget before the hearing."));
    journal.add("m01", Direction.INTERNAL, m01, List.of("bob@example.eu"));
    journal.add("m02", Direction.OUTBOUND, mail("m02", "Bob <bob@example.eu>", "alice@example.eu", "carol@example.org",
        "Re: Budget 2025 draft", "Sat, 11 Jan 2025 09:00:00 +0000", mixed(
            plainPart("The budget looks fine. Final version attached."),
            attachment("budget-final.txt", "text/plain", "revenue forecast quarterly".getBytes(StandardCharsets.UTF_8)))),
        List.of("alice@example.eu", "carol@example.org"));
    journal.add("m03", Direction.INBOUND, mail("m03", "carol@example.org", "alice@example.eu", null,
        "Court hearing schedule", "Mon, 3 Feb 2025 08:00:00 +0000",
        "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>The <b>hearing</b> is on Monday</p>"
            + "<script>secretscript()</script></body></html>\r\n"), List.of("alice@example.eu"));
    journal.add("m04", Direction.INBOUND, mail("m04", "Dan <dan@partner.example.net>", "bob@example.eu", null,
        "Evidence package", "Fri, 14 Feb 2025 16:00:00 +0000", mixed(plainPart("Witness statement enclosed."),
            attachment("evidence.zip", "application/zip", zip("statement.txt",
                "testimony of the witness regarding procurement")))), List.of("bob@example.eu", "lea@example.eu"));
    byte[] m05 = mail("m05", "eve@example.eu", "dan@partner.example.net", null, "Procurement tender",
        "Sat, 1 Mar 2025 12:00:00 +0000", plain("The tender deadline is Friday."));
    journal.add("m05", Direction.OUTBOUND, m05, List.of("dan@partner.example.net"));
    journal.add("m05", Direction.OUTBOUND, concat("Received: from gw-2.example.eu by archive; Sat, 1 Mar 2025 12:00:05 +0000\r\n"
        .getBytes(StandardCharsets.US_ASCII), m05), List.of("bcc-audit@example.eu"));
    journal.add("m01", Direction.INTERNAL, m01, List.of("bob@example.eu")); // m06: the same bytes again
    journal.add("m07", Direction.OUTBOUND, mail("m07", "Alice Martin <alice@example.eu>", "Frank Zapp <frank@example.org>",
        null, "Café meeting", "Sat, 15 Mar 2025 10:00:00 +0000", plain("Let us meet at the café near the court.")),
        List.of("frank@example.org"));
    journal.add("m08", Direction.INBOUND, mail("m08", "grace@ministry.example.fr", "alice@example.eu", null,
        "Confidential: data transfer", "Fri, 20 Dec 2024 10:00:00 +0000",
        plain("The data protection assessment follows. ".repeat(300))), List.of("alice@example.eu"));
    journal.add("m09", Direction.INTERNAL, ("From: heidi@example.eu\r\nTo: ivan@example.eu\r\nSubject: draft minutes\r\n"
        + "Date: Fri, 10 Jan 2025 15:00:00 +0000\r\n\r\nThe minutes of the council.\r\n").getBytes(StandardCharsets.UTF_8),
        List.of("ivan@example.eu"));
    journal.add("m10", Direction.INBOUND, ("Message-ID: <m10@test.example.eu>\r\nFrom: judy@agency.example.de\r\n"
        + "To: alice@example.eu\r\nSubject: Broken message\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\n"
        + "Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--never\r\nContent-Type: text/plain\r\n\r\n"
        + "fragment text zebra\r\n").getBytes(StandardCharsets.UTF_8), List.of("alice@example.eu"));
    journal.add("m11", Direction.INTERNAL, mail("m11", "bob@example.eu", "alice@example.eu", null, "Quarterly figures",
        "Wed, 2 Apr 2025 10:00:00 +0000", mixed(plainPart("See the figures."),
            attachment("figures.csv", "text/csv", "item,amount\nrevenue,100\n".getBytes(StandardCharsets.UTF_8)))),
        List.of("alice@example.eu"));
    journal.add("m12", Direction.OUTBOUND, mail("m12", "alice@example.eu", "carol@example.org", null, "Holiday",
        "Mon, 5 May 2025 10:00:00 +0000", plain("I am out of office.")), List.of("carol@example.org"));
    journal.add("m13", Direction.INBOUND, mail("m13", "mallory@example.org", "bob@example.eu", null, "Invoice 4711",
        "Tue, 6 May 2025 10:00:00 +0000", mixed(plainPart("Payment overdue."),
            attachment("invoice-4711.txt", "text/plain", "amount due 500 EUR".getBytes(StandardCharsets.UTF_8)))),
        List.of("bob@example.eu"));
    journal.add("m14", Direction.OUTBOUND, mail("m14", "bob@example.eu", "Team: alice@example.eu, dan@partner.example.net;",
        null, "Re: Court hearing schedule", "Tue, 4 Feb 2025 10:00:00 +0000",
        plain("I confirm attendance at the hearing.")), List.of("alice@example.eu", "dan@partner.example.net"));
    return raw;
  }

  @FunctionalInterface
  private interface Journaler {
    void add(String label, Direction direction, byte[] bytes, List<String> recipients) throws Exception;
  }

  private static byte[] mail(String id, String from, String to, String cc, String subject, String date, String content) {
    StringBuilder text = new StringBuilder()
        .append("Message-ID: <").append(id).append("@test.example.eu>\r\n")
        .append("From: ").append(from).append("\r\n")
        .append("To: ").append(to).append("\r\n");
    if (cc != null) {
      text.append("Cc: ").append(cc).append("\r\n");
    }
    text.append("Subject: ").append(subject).append("\r\nDate: ").append(date).append("\r\nMIME-Version: 1.0\r\n")
        .append(content);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String plain(String body) {
    return "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
  }

  private static String plainPart(String body) {
    return "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
  }

  private static String attachment(String name, String type, byte[] data) {
    return "Content-Type: " + type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name
        + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(data) + "\r\n";
  }

  private static String mixed(String... parts) {
    StringBuilder text = new StringBuilder("Content-Type: multipart/mixed; boundary=\"xyz\"\r\n\r\n");
    for (String part : parts) {
      text.append("--xyz\r\n").append(part);
    }
    return text.append("--xyz--\r\n").toString();
  }

  private static byte[] zip(String name, String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // Bulk ingest

  @Test
  void ingestsAThousandMessagesWithRepeatsAndTheMalformedCorpusWithoutLoss() throws Exception {
    ArchiveSettings settings = settings("search_ingest");
    List<CorpusGenerator.Item> items = new CorpusGenerator(5, "gen").stream(1_000).toList();
    Map<String, byte[]> malformed = MalformedMimeCorpus.messages();
    Map<String, byte[]> all = new LinkedHashMap<>();
    items.forEach(item -> all.put(item.spoolRecordId(), item.raw()));
    int n = 0;
    for (byte[] bytes : malformed.values()) {
      all.put("mime4j-" + n++, bytes);
    }

    try (Archive archive = Archive.open(settings)) {
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (CorpusGenerator.Item item : items) {
          futures.add(pool.submit(() -> archive.journal().append(item.spoolRecordId(), item.envelope(), item.raw())));
        }
        for (Map.Entry<String, byte[]> entry : all.entrySet()) {
          if (entry.getKey().startsWith("mime4j-")) {
            Envelope envelope = new Envelope("", List.of("legal@example.eu"), Direction.INBOUND, null, null, "gw-it",
                Instant.parse("2025-01-01T00:00:00Z"));
            futures.add(pool.submit(() -> archive.journal().append(entry.getKey(), envelope, entry.getValue())));
          }
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        pool.shutdown();
      }
      double journalSeconds = (System.nanoTime() - started) / 1e9;
      archive.search().catchUp();
      double totalSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("search IT: %d entries journaled in %.1f s, journaled and indexed in %.1f s (%.0f msg/s)%n",
          all.size(), journalSeconds, totalSeconds, all.size() / totalSeconds);
      assertThat(archive.search().status().lag()).isZero();

      // Every entry reads back byte-identical.
      for (Map.Entry<String, byte[]> entry : all.entrySet()) {
        assertThat(archive.journal().read(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
      }

      // Dedup: one blob per distinct byte sequence, one archived message per original, every entry a copy.
      Set<BlobId> distinctBlobs = all.values().stream().map(BlobId::of).collect(Collectors.toSet());
      long originals = items.stream().filter(i -> i.kind() == CorpusGenerator.Kind.ORIGINAL).count();
      long repeats = items.size() - originals;
      assertThat(repeats).isBetween(250L, 350L);
      assertThat(count(settings, "SELECT COUNT(*) FROM message")).isEqualTo(distinctBlobs.size());
      assertThat(count(settings, "SELECT COUNT(*) FROM archived_message WHERE message_id LIKE '%@corpus.example.eu>'"))
          .isEqualTo(originals);
      assertThat(count(settings, "SELECT COUNT(*) FROM archived_copy")).isEqualTo(all.size());
      assertThat(count(settings, "SELECT SUM(copies) FROM archived_message")).isEqualTo(all.size());
      assertThat(count(settings, "SELECT COUNT(*) FROM archived_message WHERE malformed")).isPositive();
      assertThat(archive.search().search(LEGAL, "-zzzznothing", SearchSort.DATE, 1, 1).total())
          .isEqualTo(count(settings, "SELECT COUNT(*) FROM archived_message"));

      // Journal copies merged their envelope recipients onto the original; copies are counted.
      Map<Integer, Long> copiesPerOriginal = items.stream()
          .collect(Collectors.groupingBy(CorpusGenerator.Item::originalIndex, Collectors.counting()));
      Set<Integer> checked = new HashSet<>();
      for (CorpusGenerator.Item item : items) {
        if (item.kind() != CorpusGenerator.Kind.JOURNAL_COPY || !checked.add(item.originalIndex()) || checked.size() > 25) {
          continue;
        }
        String bcc = item.envelope().recipients().get(1);
        SearchResult result = archive.search().search(LEGAL, "bcc:" + bcc, SearchSort.DATE, 1, 10);
        assertThat(result.hits()).as(bcc).singleElement().satisfies(hit -> {
          assertThat(hit.messageId()).isEqualTo(item.messageId());
          assertThat(hit.copies()).isEqualTo(copiesPerOriginal.get(item.originalIndex()).intValue());
        });
      }

      // The original's bytes come back through the search API too.
      for (CorpusGenerator.Item item : items.subList(0, 200)) {
        if (item.kind() == CorpusGenerator.Kind.ORIGINAL) {
          SearchHit hit = archive.search().search(LEGAL, "messageid:" + item.messageId(), SearchSort.DATE, 1, 2)
              .hits().get(0);
          assertThat(archive.search().raw(LEGAL, hit.id())).hasValue(item.raw());
        }
      }
    }
  }

  private static long count(ArchiveSettings settings, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
