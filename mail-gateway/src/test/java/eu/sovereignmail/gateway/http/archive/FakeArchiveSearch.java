package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.message.MessageParser;
import eu.sovereignmail.archive.message.ParseLimits;
import eu.sovereignmail.archive.message.ParsedMessage;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.IndexStatus;
import eu.sovereignmail.archive.search.JournalCopy;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An archive of one message (id 1, HTML body and a PDF attachment) for the API and UI unit tests; records actors. */
public final class FakeArchiveSearch implements ArchiveSearch {
  public static final String SPOOL_ID = "spool-1";
  public static final byte[] RAW = ("""
      From: Alice <alice@example.eu>\r
      To: Lea <lea@example.eu>\r
      Subject: Budget <script>alert(1)</script>\r
      Date: Mon, 6 Jan 2025 10:00:00 +0000\r
      Message-ID: <m1@example.eu>\r
      MIME-Version: 1.0\r
      Content-Type: multipart/mixed; boundary="b"\r
      \r
      --b\r
      Content-Type: text/html; charset=utf-8\r
      \r
      <p>Hello <b>Lea</b><img src="https://tracker.example/x.png" onerror="alert(2)"><script>alert(3)</script>\r
      <a href="javascript:alert(4)">click</a> <a href="https://example.org/doc">doc</a></p>\r
      --b\r
      Content-Type: application/pdf\r
      Content-Disposition: attachment; filename="../report.pdf"\r
      Content-Transfer-Encoding: base64\r
      \r
      JVBERi0xLjQKJcOkw7zDtsOfCg==\r
      --b--\r
      """).getBytes(StandardCharsets.US_ASCII);

  public final List<Actor> actors = new ArrayList<>();
  public final List<String> queries = new ArrayList<>();

  @Override
  public SearchResult search(Actor actor, String query, SearchSort sort, int page, int pageSize) {
    actors.add(actor);
    queries.add(query);
    if (query.contains("((")) {
      throw new QuerySyntaxException("this '(' is not closed", query.indexOf("(("));
    }
    return new SearchResult(query, 1, page, pageSize, sort, List.of(hit()));
  }

  @Override
  public Optional<MessageDetail> show(Actor actor, long id) {
    actors.add(actor);
    if (id != 1) {
      return Optional.empty();
    }
    ParsedMessage parsed = new MessageParser(ParseLimits.defaults()).parse(RAW);
    return Optional.of(new MessageDetail(hit(), parsed.headers(), parsed.parts(), parsed.bodyText(), parsed.problems(),
        true, List.of(new JournalCopy(7, SPOOL_ID, "abc", "alice@example.eu", List.of("lea@example.eu"),
            Direction.INBOUND, "192.0.2.1", null, "mx1", Instant.parse("2025-01-06T10:00:01Z")))));
  }

  @Override
  public Optional<byte[]> raw(Actor actor, long id) {
    actors.add(actor);
    return id == 1 ? Optional.of(RAW) : Optional.empty();
  }

  private static SearchHit hit() {
    return new SearchHit(1, "<m1@example.eu>", Instant.parse("2025-01-06T10:00:00Z"),
        new eu.sovereignmail.archive.message.Mailbox("alice@example.eu", "Alice"),
        List.of(new eu.sovereignmail.archive.message.Mailbox("lea@example.eu", "Lea")), List.of(),
        List.of("lea@example.eu"), true, "Budget <script>alert(1)</script>", RAW.length, Set.of(Direction.INBOUND), true,
        false, 1, List.of("the <em>budget</em> &lt;script&gt; <b onclick=x>bold</b>"));
  }

  @Override
  public IndexStatus status() {
    throw new UnsupportedOperationException();
  }

  @Override
  public long catchUp() {
    return 0;
  }

  @Override
  public Set<Long> matchingIds(String query) {
    return Set.of();
  }

  @Override
  public void rebuild() {
    // nothing indexed
  }
}
