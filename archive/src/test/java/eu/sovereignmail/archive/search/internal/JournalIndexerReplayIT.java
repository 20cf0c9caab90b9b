package eu.sovereignmail.archive.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.CorpusGenerator;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchSort;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batched indexer's crash guarantee against a real MariaDB and Lucene: batches smaller than the corpus (so
 * read-ahead, cached parses and copies of messages from earlier batches all occur), then the mark moved back as
 * if the process had died after writing rows but before moving it, then a full rebuild: every replay leaves the
 * rows and the search results exactly as they were.
 */
class JournalIndexerReplayIT {
  private static final String PASSWORD = "replay-it-secret";
  private static final Path DIR = Path.of("target", "it-replay-" + System.nanoTime()).toAbsolutePath();
  private static final Actor LEGAL = new Actor("lea", Set.of("legal"));
  private static final List<String> QUERIES = List.of("budget", "from:alice", "bcc:example.eu", "has:attachment",
      "hearing OR tender", "direction:inbound deadline", "filename:figures");

  private static EmbeddedMariaDb mariaDb;

  @BeforeAll
  static void startMariaDb() throws Exception {
    System.setProperty("sovereign.archive.index.batch", "64");
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("archive", "archive", PASSWORD);
  }

  @AfterAll
  static void stopMariaDb() {
    System.clearProperty("sovereign.archive.index.batch");
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void replayedBatchesChangeNothing() throws Exception {
    Path keyFile = DIR.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    ArchiveSettings settings = new ArchiveSettings(mariaDb.jdbcUrl("archive"), "archive", PASSWORD,
        DIR.resolve("blobs"), keyFile);
    List<CorpusGenerator.Item> items = new CorpusGenerator(23, "replay").stream(400).toList();

    try (Archive archive = Archive.open(settings)) {
      assertThat(archive.search().status().journalHead()).isZero();
      for (CorpusGenerator.Item item : items) {
        archive.journal().append(item.spoolRecordId(), item.envelope(), item.raw());
      }
      archive.search().catchUp();
      assertThat(archive.search().status().lag()).isZero();
      Map<String, Object> before = snapshot(archive);
      long originals = items.stream().filter(i -> i.kind() == CorpusGenerator.Kind.ORIGINAL).count();
      assertThat(before.get("rows")).isEqualTo(List.of(originals, (long) items.size()));

      // As if the indexer died after committing the rows of the last batches but before moving the mark.
      try (Connection c = DriverManager.getConnection(mariaDb.jdbcUrl("archive"), "archive", PASSWORD);
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE index_state SET last_seq = 150");
      }
      archive.search().catchUp();
      assertThat(archive.search().status().lag()).isZero();
      assertThat(snapshot(archive)).isEqualTo(before);

      // A full replay over an emptied index.
      archive.search().rebuild();
      archive.search().catchUp();
      assertThat(snapshot(archive)).isEqualTo(before);
    }
  }

  /** Row counts and, per query, every hit's id, copies and merged envelope recipients. */
  private static Map<String, Object> snapshot(Archive archive) throws Exception {
    Map<String, Object> state = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(mariaDb.jdbcUrl("archive"), "archive", PASSWORD);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM archived_message), "
            + "(SELECT COUNT(*) FROM archived_copy)")) {
      r.next();
      state.put("rows", List.of(r.getLong(1), r.getLong(2)));
    }
    for (String query : QUERIES) {
      var result = archive.search().search(LEGAL, query, SearchSort.DATE, 1, 200);
      state.put(query, List.of(result.total(), result.hits().stream()
          .map(h -> h.id() + "/" + h.copies() + "/" + h.envelopeRecipients() + "/" + snippet(h)).toList()));
    }
    return state;
  }

  private static String snippet(SearchHit hit) {
    return String.join("|", hit.snippets());
  }
}
