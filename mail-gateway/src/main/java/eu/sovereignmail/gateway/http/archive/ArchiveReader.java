package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.cases.CustodianQueries;
import eu.sovereignmail.archive.message.MessageParser;
import eu.sovereignmail.archive.message.MessagePart;
import eu.sovereignmail.archive.message.ParseLimits;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.QueryParser;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchRefusedException;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.archive.internal.MimeLeaves;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the archive API and the legal UI read, over the archive's audited {@link ArchiveSearch}: request parameters
 * checked once (bad ones are a 400 naming the parameter, a bad query a {@link QueryProblem} with its position),
 * HTML bodies and attachments taken from the stored bytes and checked against the hashes the archive recorded. A
 * {@code legal} user's searches are limited to their open cases' custodians, and a message outside them is refused
 * before it is opened ({@link ReadScope}).
 */
public final class ArchiveReader {
  /** Results per page unless the caller asks otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 25;
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveReader.class);
  private static final MessageParser PARSER = new MessageParser(ParseLimits.defaults());

  private final ArchiveSearch search;
  private final StoredMessages stored;
  private final DownloadAudit downloads;
  private final ReadScope scope;

  /** A reader that does not record downloads beyond the search's own audit events, and limits no one (tests). */
  public ArchiveReader(ArchiveSearch search, StoredMessages stored) {
    this(search, stored, DownloadAudit.NONE, ReadScope.NONE);
  }

  /**
   * @param downloads records each handed-out file as {@code archive.download} before it is sent
   * @param scope whose mail each caller may search and read (the archive's cases)
   */
  public ArchiveReader(ArchiveSearch search, StoredMessages stored, DownloadAudit downloads, ReadScope scope) {
    this.search = Objects.requireNonNull(search, "search");
    this.stored = Objects.requireNonNull(stored, "stored");
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** Runs a search from request parameters (any may be null: sort date, page 1, {@value #DEFAULT_PAGE_SIZE} a page). */
  public SearchResult search(ArchiveCaller caller, String query, String sort, String page, String size) {
    SearchSort order = sort(sort);
    int pageNumber = number("page", page, 1, 1, 1_000_000);
    int pageSize = number("size", size, DEFAULT_PAGE_SIZE, 1, ArchiveSearch.MAX_PAGE_SIZE);
    String q = query == null ? "" : query;
    Optional<Set<String>> custodians = scope.custodians(caller.actor(), "archive.search");
    try {
      if (custodians.isEmpty() || !parses(q)) {
        // No limit; or a query that does not parse, which the archive refuses (and records) with its position.
        return search.search(caller.actor(), q, order, pageNumber, pageSize);
      }
      SearchResult limited = search.search(caller.actor(), CustodianQueries.limitedTo(q, custodians.get()), order,
          pageNumber, pageSize);
      // The address fields match an address as a phrase of its parts (x.lea@example.eu matches lea@example.eu too):
      // only the hits the user may open are shown.
      Set<Long> readable = scope.readable(caller.actor(), limited.hits().stream().map(SearchHit::id).toList(),
          "archive.search");
      List<SearchHit> hits = limited.hits().stream().filter(hit -> readable.contains(hit.id())).toList();
      return new SearchResult(q, limited.total() - (limited.hits().size() - hits.size()), limited.page(),
          limited.pageSize(), limited.sort(), hits, limited.totalExact());
    } catch (QuerySyntaxException e) {
      throw new QueryProblem(e.getMessage(), q, e.position());
    } catch (SearchRefusedException e) {
      throw new QueryProblem(e.getMessage(), q, e.position());
    }
  }

  private static boolean parses(String query) {
    try {
      QueryParser.parse(query);
      return true;
    } catch (QuerySyntaxException e) {
      return false;
    }
  }


  /** The message with its HTML bodies, or a 404. */
  public MessageView message(ArchiveCaller caller, String id) throws IOException {
    long messageId = id(id);
    scope.requireReadable(caller.actor(), messageId, "archive.view");
    MessageDetail detail = search.show(caller.actor(), messageId)
        .orElseThrow(() -> ApiError.notFound("no archived message " + messageId));
    return new MessageView(detail, htmlBodies(detail));
  }

  /** The original bytes as {@code message/rfc822}, or a 404. */
  public Download raw(ArchiveCaller caller, String id) throws IOException {
    long messageId = id(id);
    scope.requireReadable(caller.actor(), messageId, "archive.download");
    byte[] raw = search.raw(caller.actor(), messageId)
        .orElseThrow(() -> ApiError.notFound("no archived message " + messageId));
    Download download = new Download("message-" + messageId + ".eml", "message/rfc822", raw);
    recordDownload(caller, messageId, "original", download);
    return download;
  }

  /** Leaf part {@code n} (1, 2, … as the message view lists them), decoded, always as a download; or a 404. */
  public Download part(ArchiveCaller caller, String id, String n) throws IOException {
    long messageId = id(id);
    int ordinal = number("n", n, -1, 1, 100_000);
    scope.requireReadable(caller.actor(), messageId, "archive.download");
    byte[] raw = search.raw(caller.actor(), messageId)
        .orElseThrow(() -> ApiError.notFound("no archived message " + messageId));
    MessagePart part = PARSER.parse(raw).parts().stream().filter(p -> p.ordinal() == ordinal).findFirst()
        .orElseThrow(() -> ApiError.notFound("message " + messageId + " has no part " + ordinal));
    byte[] content = MimeLeaves.extract(raw, Set.of(ordinal)).get(ordinal);
    if (content == null || !sha256(content).equals(part.sha256())) {
      LOG.warn("event=archive.api.part_mismatch message={} part={}", messageId, ordinal);
      throw new ApiError(500, "part " + ordinal + " of message " + messageId + " does not match its recorded hash");
    }
    String name = part.fileName() != null ? part.fileName() : "message-" + messageId + "-part-" + ordinal + ".bin";
    Download download = new Download(name, "application/octet-stream", content);
    recordDownload(caller, messageId, "part=" + ordinal + " sha256=" + part.sha256(), download);
    return download;
  }

  private void recordDownload(ArchiveCaller caller, long messageId, String what, Download download) {
    String name = download.fileName().replace("\\", "\\\\").replace("\"", "\\\"");
    downloads.record(caller.actor(), "archive.download", "message:" + messageId,
        what + " file=\"" + name + "\" bytes=" + download.content().length);
  }

  /** The text/html body parts, decoded; empty when there are none or the envelope (and so the copy) is hidden. */
  private List<String> htmlBodies(MessageDetail detail) throws IOException {
    Map<Integer, MessagePart> html = detail.parts().stream()
        .filter(p -> !p.attachment() && p.mediaType().equals("text/html"))
        .collect(Collectors.toMap(MessagePart::ordinal, p -> p));
    if (html.isEmpty() || detail.copies().isEmpty()) {
      return List.of();
    }
    byte[] raw = stored.read(detail.copies().getFirst().spoolRecordId());
    Map<Integer, byte[]> bodies = MimeLeaves.extract(raw, html.keySet());
    List<String> out = new ArrayList<>();
    for (MessagePart part : html.values().stream().sorted((a, b) -> Integer.compare(a.ordinal(), b.ordinal())).toList()) {
      byte[] bytes = bodies.get(part.ordinal());
      if (bytes != null && sha256(bytes).equals(part.sha256())) {
        out.add(new String(bytes, charset(part.charset())));
      } else {
        LOG.warn("event=archive.api.part_mismatch message={} part={}", detail.summary().id(), part.ordinal());
      }
    }
    return out;
  }

  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.strip());
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static SearchSort sort(String sort) {
    if (sort == null || sort.isBlank()) {
      return SearchSort.DATE;
    }
    return switch (sort.strip().toLowerCase(Locale.ROOT)) {
      case "date" -> SearchSort.DATE;
      case "relevance" -> SearchSort.RELEVANCE;
      default -> throw ApiError.badRequest("sort must be date or relevance, got " + sort);
    };
  }

  private static long id(String text) {
    return Params.id("a message id", text);
  }

  private static int number(String name, String text, int fallback, int min, int max) {
    return Params.number(name, text, fallback, min, max);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
