package eu.sovereignmail.archive.search;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.TestArchives;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.search.internal.HibernateArchiveSearch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Date-sorted pages found through recent date windows (real MariaDB and Lucene) are the pages of the whole query:
 * over a corpus spread across six years, denser recently, with future-dated messages and a block of messages on one
 * instant, every page of every size equals the page searched without windows and the order computed here from the
 * corpus (date, newest first, then the later journaled first); a query whose matches are all old ends up searching
 * the whole index.
 */
class DateWindowedSearchIT {
  private static final Actor LEGAL = new Actor("lea", Set.of("legal"));
  private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  /** Small, so that this small corpus has queries with more matches than it, as a large archive has. */
  private static final int THRESHOLD = 500;
  private static final Instant SAME_INSTANT = NOW.minus(Duration.ofHours(6));

  /** One message of the corpus: its index (journal order), date and words. */
  private record Mail(int index, Instant date, String words) {}

  @Test
  void windowedPagesAreThePagesOfTheWholeQuery() throws Exception {
    List<Mail> corpus = corpus();
    ArchiveSettings base = TestArchives.get().settings("search_date_windows");
    ArchiveSettings settings = base.withSearch(base.search().withTotalHitCountThreshold(THRESHOLD));
    List<String> keys = keys();

    Map<String, SearchResult> plain = new LinkedHashMap<>();
    System.setProperty(HibernateArchiveSearch.DATE_WINDOWS_PROPERTY, "false");
    try (Archive archive = Archive.open(settings)) {
      journal(archive, corpus);
      archive.search().catchUp();
      for (String key : keys) {
        plain.put(key, run(archive, key));
      }
    } finally {
      System.clearProperty(HibernateArchiveSearch.DATE_WINDOWS_PROPERTY);
    }

    Logger logger = (Logger) LoggerFactory.getLogger(HibernateArchiveSearch.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(events);
    Map<String, String> howFound = new LinkedHashMap<>();
    try (Archive archive = Archive.open(settings)) {
      for (String key : keys) {
        events.list.clear();
        SearchResult windowed = run(archive, key);
        SearchResult expected = plain.get(key);
        assertThat(windowed.hits()).as(key).isEqualTo(expected.hits());
        assertThat(windowed.totalExact()).as(key).isEqualTo(expected.totalExact());
        if (expected.totalExact()) {
          assertThat(windowed.total()).as(key).isEqualTo(expected.total());
        } else {
          assertThat(windowed.total()).as(key).isGreaterThanOrEqualTo(THRESHOLD);
        }
        assertThat(messageIndexes(windowed)).as(key).isEqualTo(expectedPage(corpus, key));
        howFound.put(key, events.list.stream().map(ILoggingEvent::getFormattedMessage)
            .filter(m -> m.startsWith("event=archive.search ")).findFirst().orElseThrow());
      }
    } finally {
      logger.detachAppender(events);
      logger.setLevel(level);
    }

    assertThat(plain.get("budget 1 20").totalExact()).isFalse();
    assertThat(plain.get("ledger 2 20").total()).isEqualTo(count(corpus, "ledger")).isLessThan(THRESHOLD);
    assertThat(plain.get("ledger 2 20").totalExact()).isTrue();
    assertThat(howFound.get("budget 1 20")).as("a broad query's first page").doesNotContain("window_from=all")
        .contains("windows_tried=1");
    assertThat(howFound.get("budget 3 7")).doesNotContain("window_from=all");
    assertThat(howFound.get("budget -archaic 2 20")).doesNotContain("window_from=all");
    assertThat(howFound.get("archaic 1 20")).as("only old matches: every window tried, then all")
        .contains("window_from=all").containsPattern("windows_tried=[1-9]");
    assertThat(howFound.get("archaic 55 20")).contains("window_from=all");
    assertThat(howFound.get("budget 3 200")).doesNotContain("window_from=all");
    assertThat(plain.get("budget 1 20").hits().getFirst().date()).as("future-dated first").isAfter(NOW);
  }

  /**
   * 2,470 messages: 1,100 dated 5.5 to 6 years ago (all with "archaic", every second one with "budget"), 1,300 over
   * the last two years, denser towards now, 45 on one instant six hours ago and 25 dated up to three years ahead
   * (all with "budget"); journaled in an order unrelated to their dates.
   */
  private static List<Mail> corpus() {
    List<Mail> corpus = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      Instant date = NOW.minus(Duration.ofDays(6 * 365)).plus(Duration.ofMinutes((long) i * 239));
      corpus.add(new Mail(corpus.size(), date, i % 2 == 0 ? "archaic budget" : "archaic"));
    }
    for (int i = 0; i < 1_300; i++) {
      double age = Math.pow((i * 7919 % 1_300) / 1_300.0, 2);
      corpus.add(new Mail(corpus.size(), NOW.minus(Duration.ofMinutes((long) (age * 2 * 365 * 24 * 60))),
          i % 3 == 0 ? "budget ledger" : "budget"));
      if (i % 29 == 0 && corpus.size() < 2_445) {
        corpus.add(new Mail(corpus.size(), SAME_INSTANT, "budget"));
      }
    }
    while (corpus.size() < 2_445) {
      corpus.add(new Mail(corpus.size(), SAME_INSTANT, "budget"));
    }
    for (int i = 0; i < 25; i++) {
      corpus.add(new Mail(corpus.size(), NOW.plus(Duration.ofDays(1 + i * 44L)), "budget"));
    }
    assertThat(corpus.stream().filter(m -> m.date().equals(SAME_INSTANT))).hasSize(45);
    return corpus;
  }

  private static void journal(Archive archive, List<Mail> corpus) throws Exception {
    for (Mail mail : corpus) {
      String text = "Message-ID: <w-" + mail.index() + "@test.example.eu>\r\n"
          + "From: sender" + mail.index() % 17 + "@example.eu\r\nTo: team@example.eu\r\n"
          + "Subject: note " + mail.index() + "\r\nDate: " + RFC_5322.format(mail.date()) + "\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n\r\nAbout the " + mail.words() + " of item " + mail.index()
          + ".\r\n";
      Envelope envelope = new Envelope("sender@example.eu", List.of("team@example.eu"), Direction.INBOUND,
          "192.0.2.1", null, "gw-it", NOW);
      archive.journal().append("dw-" + mail.index(), envelope, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Query, page and page size: first pages, boundaries inside the block on one instant, deep pages, all-old. */
  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int page = 1; page <= 5; page++) {
      keys.add("budget " + page + " 20");
      keys.add("budget -archaic " + page + " 20");
      keys.add("archaic " + page + " 20");
    }
    for (int page = 1; page <= 12; page++) {
      keys.add("budget " + page + " 7");
    }
    keys.addAll(List.of("budget 60 20", "budget 3 200", "budget 10 200", "ledger 2 20", "archaic 55 20"));
    return keys;
  }

  private static SearchResult run(Archive archive, String key) {
    String[] parts = key.split(" ");
    int size = Integer.parseInt(parts[parts.length - 1]);
    int page = Integer.parseInt(parts[parts.length - 2]);
    String query = key.substring(0, key.length() - parts[parts.length - 1].length() - parts[parts.length - 2].length()
        - 2);
    return archive.search().search(LEGAL, query, SearchSort.DATE, page, size);
  }

  /** The page computed from the corpus: matches by date, newest first, ties by journal order, later first. */
  private static List<Integer> expectedPage(List<Mail> corpus, String key) {
    String[] parts = key.split(" ");
    int size = Integer.parseInt(parts[parts.length - 1]);
    int page = Integer.parseInt(parts[parts.length - 2]);
    Predicate<Mail> matches = key.startsWith("budget -archaic")
        ? m -> m.words().contains("budget") && !m.words().contains("archaic")
        : m -> m.words().contains(parts[0]);
    return corpus.stream().filter(matches)
        .sorted(Comparator.comparing(Mail::date).thenComparing(Mail::index).reversed())
        .skip((long) (page - 1) * size).limit(size).map(Mail::index).toList();
  }

  private static long count(List<Mail> corpus, String word) {
    return corpus.stream().filter(m -> m.words().contains(word)).count();
  }

  private static List<Integer> messageIndexes(SearchResult result) {
    return result.hits().stream()
        .map(h -> Integer.parseInt(h.messageId().substring(h.messageId().indexOf("w-") + 2, h.messageId().indexOf('@'))))
        .toList();
  }
}
