package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.archive.message.HeaderField;
import eu.sovereignmail.archive.message.Mailbox;
import eu.sovereignmail.archive.message.MessagePart;
import eu.sovereignmail.archive.search.JournalCopy;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.gateway.http.archive.ArchiveApi;
import eu.sovereignmail.gateway.http.archive.ArchiveReader;
import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import eu.sovereignmail.gateway.http.archive.MessageView;
import eu.sovereignmail.gateway.http.archive.QueryProblem;
import eu.sovereignmail.gateway.http.archiveui.UiPage;
import eu.sovereignmail.gateway.http.archiveui.NavLink;
import eu.sovereignmail.gateway.http.archiveui.UiRoutes;
import eu.sovereignmail.gateway.http.archiveui.UiSection;
import eu.sovereignmail.gateway.http.archiveui.UiUser;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The search and message pages of the legal UI: the query language with a help panel, filters that become query
 * terms, results with sanitized snippets and paging, a message view with headers, envelope, a sanitized body, and
 * download-only attachments.
 */
public final class SearchSection implements UiSection {
  private static final Set<String> ROLES = Set.of(ArchiveRoles.LEGAL, ArchiveRoles.LEGAL_ADMIN);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final List<String[]> HELP = List.of(
      new String[] {"budget report", "both words, anywhere"},
      new String[] {"\"exact phrase\"", "the words in this order"},
      new String[] {"from:alice  to:bob  cc:carol", "sender, recipients (name or address)"},
      new String[] {"bcc:dave  participant:erin", "envelope recipients; anyone involved"},
      new String[] {"subject:budget  body:invoice", "only in the subject, only in the body"},
      new String[] {"attachment:contract  filename:pdf", "attachment text, attachment names"},
      new String[] {"after:2025-01-01  before:2025-02-01  on:2025-01-15", "dates (after is inclusive, before is not)"},
      new String[] {"direction:inbound|outbound|internal", "which way the message crossed the gateway"},
      new String[] {"has:attachment  size>1mb", "with attachments; by size"},
      new String[] {"budg*  a OR b  -draft  (x OR y) z", "prefix, either, without, grouping"});

  private final ArchiveReader reader;
  private UiRoutes routes;

  public SearchSection(ArchiveReader reader) {
    this.reader = reader;
  }

  @Override
  public NavLink nav() {
    return NavLink.forLegal("Search", "/archive/");
  }

  @Override
  public void mount(UiRoutes routes) {
    this.routes = routes;
    routes.page("/archive/", ROLES, this::search);
    routes.page("/archive/messages/{id}", ROLES, this::message);
    routes.page("/archive/messages/{id}/raw", ROLES, download((ctx, user) ->
        ArchiveApi.send(ctx, reader.raw(user.caller(), ctx.pathParam("id")))));
    routes.page("/archive/messages/{id}/attachments/{n}", ROLES, download((ctx, user) ->
        ArchiveApi.send(ctx, reader.part(user.caller(), ctx.pathParam("id"), ctx.pathParam("n")))));
  }

  private interface Sender {
    void send(Context ctx, UiUser user) throws Exception;
  }

  private static UiPage download(Sender sender) {
    return (ctx, user) -> {
      sender.send(ctx, user);
      return null;
    };
  }

  // ---- search ----

  /** The form's fields as typed, and the query they make together. */
  private record Form(String q, String after, String before, String direction, boolean attachment, String sort,
      String page) {
    static Form of(Context ctx) {
      return new Form(value(ctx, "q"), value(ctx, "after"), value(ctx, "before"), value(ctx, "direction"),
          "on".equals(ctx.queryParam("attachment")), value(ctx, "sort"), value(ctx, "page"));
    }

    boolean empty() {
      return q.isBlank() && after.isBlank() && before.isBlank() && direction.isBlank() && !attachment;
    }

    /** The query with the filters as terms: after:D, before:D+1 (the date is inclusive), direction:x, has:attachment. */
    String query() {
      List<String> terms = new ArrayList<>();
      if (!q.isBlank()) {
        terms.add(q.strip());
      }
      if (!after.isBlank()) {
        terms.add("after:" + date("from date", after));
      }
      if (!before.isBlank()) {
        terms.add("before:" + date("until date", before).plusDays(1));
      }
      if (!direction.isBlank()) {
        if (!Set.of("inbound", "outbound", "internal").contains(direction)) {
          throw new QueryProblem("direction must be inbound, outbound or internal", direction, 0);
        }
        terms.add("direction:" + direction);
      }
      if (attachment) {
        terms.add("has:attachment");
      }
      return String.join(" ", terms);
    }

    Map<String, String> params(int pageNumber) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("q", q);
      params.put("after", after);
      params.put("before", before);
      params.put("direction", direction);
      if (attachment) {
        params.put("attachment", "on");
      }
      params.put("sort", sort);
      params.put("page", Integer.toString(pageNumber));
      return params;
    }

    private static LocalDate date(String label, String text) {
      try {
        return LocalDate.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new QueryProblem("the " + label + " must be a date like 2025-01-31", text, 0);
      }
    }

    private static String value(Context ctx, String name) {
      String value = ctx.queryParam(name);
      return value == null ? "" : value;
    }
  }

  private Document search(Context ctx, UiUser user) {
    Form form = Form.of(ctx);
    Document doc = routes.layout(user, form.q().isBlank() ? "Search" : "Search: " + form.q(), "/archive/");
    Element main = Layout.main(doc);
    main.appendElement("h1").text("Search the archive");
    searchForm(main, form);
    help(main, form.empty());
    if (form.empty()) {
      return doc;
    }
    Element results = main.appendElement("section").addClass("results").attr("aria-labelledby", "results-title");
    try {
      String query = form.query();
      SearchResult result = reader.search(user.caller(), query, form.sort(), form.page(), null);
      results(results, form, query, result);
    } catch (QueryProblem e) {
      ctx.status(400);
      Element problem = results.appendElement("div").addClass("problem").attr("role", "alert").id("results-title");
      problem.appendElement("h2").text("The query cannot be run");
      problem.appendElement("p").text(e.getMessage());
      problem.appendElement("pre").text(e.query() + "\n" + " ".repeat(Math.max(0, Math.min(e.position(),
          e.query().length()))) + "^");
    }
    return doc;
  }

  private static void searchForm(Element main, Form form) {
    Element f = main.appendElement("form").attr("method", "get").attr("action", "/archive/").attr("role", "search")
        .addClass("search");
    Element row = f.appendElement("div").addClass("query-row");
    row.appendElement("label").attr("for", "q").text("Query");
    row.appendElement("input").attr("type", "search").attr("id", "q").attr("name", "q").val(form.q())
        .attr("placeholder", "from:alice subject:\"budget\" after:2025-01-01").attr("autofocus", "")
        .attr("aria-describedby", "query-help");
    row.appendElement("button").attr("type", "submit").text("Search");
    Element filters = f.appendElement("fieldset").addClass("filters");
    filters.appendElement("legend").text("Filters");
    field(filters, "after", "From date", "date", form.after());
    field(filters, "before", "Until date", "date", form.before());
    Element direction = labelled(filters, "direction", "Direction").appendElement("select").attr("id", "direction")
        .attr("name", "direction");
    option(direction, "", "Any", form.direction());
    option(direction, "inbound", "Inbound", form.direction());
    option(direction, "outbound", "Outbound", form.direction());
    option(direction, "internal", "Internal", form.direction());
    Element box = filters.appendElement("span").addClass("check");
    Element check = box.appendElement("input").attr("type", "checkbox").attr("id", "attachment").attr("name", "attachment")
        .val("on");
    if (form.attachment()) {
      check.attr("checked", "");
    }
    box.appendElement("label").attr("for", "attachment").text("Has attachment");
    Element sort = labelled(filters, "sort", "Sort").appendElement("select").attr("id", "sort").attr("name", "sort");
    option(sort, "date", "Newest first", form.sort());
    option(sort, "relevance", "Best match", form.sort());
  }

  private static Element labelled(Element parent, String id, String label) {
    return Forms.labelled(parent, id, label);
  }

  private static void field(Element parent, String name, String label, String type, String value) {
    Forms.field(parent, name, label, type, value);
  }

  private static void option(Element select, String value, String label, String current) {
    Forms.option(select, value, label, current);
  }

  private static void help(Element main, boolean open) {
    Element details = main.appendElement("details").addClass("help").id("query-help");
    if (open) {
      details.attr("open", "");
    }
    details.appendElement("summary").text("Query language");
    Element table = details.appendElement("table");
    Element head = table.appendElement("thead").appendElement("tr");
    head.appendElement("th").attr("scope", "col").text("Type");
    head.appendElement("th").attr("scope", "col").text("Finds");
    Element body = table.appendElement("tbody");
    for (String[] line : HELP) {
      Element tr = body.appendElement("tr");
      tr.appendElement("td").appendElement("code").text(line[0]);
      tr.appendElement("td").text(line[1]);
    }
    details.appendElement("p").text("Operators are case-insensitive; OR, AND and NOT only in capitals. The filters above "
        + "are added to the query as terms.");
  }

  private static void results(Element section, Form form, String query, SearchResult result) {
    long pages = Math.max(1, (result.total() + result.pageSize() - 1) / result.pageSize());
    Element title = section.appendElement("h2").id("results-title");
    title.text((result.totalExact() ? result.total() : String.format(Locale.ROOT, "more than %,d", result.total()))
        + (result.total() == 1 ? " message" : " messages"));
    section.appendElement("p").addClass("query-echo").text("Query: ").appendElement("code").text(query);
    if (result.hits().isEmpty()) {
      section.appendElement("p").text("Nothing matches. Loosen the query or the filters.");
      return;
    }
    Element list = section.appendElement("ol").addClass("hits").attr("start",
        Long.toString((long) (result.page() - 1) * result.pageSize() + 1));
    for (SearchHit hit : result.hits()) {
      Element item = list.appendElement("li").addClass("hit");
      Element line = item.appendElement("div").addClass("hit-head");
      line.appendElement("a").attr("href", "/archive/messages/" + hit.id()).addClass("subject")
          .text(hit.subject().isBlank() ? "(no subject)" : hit.subject());
      if (hit.hasAttachments()) {
        line.appendElement("span").addClass("badge").text("attachment");
      }
      if (hit.malformed()) {
        line.appendElement("span").addClass("badge warn").text("malformed");
      }
      Element meta = item.appendElement("div").addClass("hit-meta");
      meta.appendElement("span").text(hit.from() == null ? "(no sender)" : hit.from().toString());
      meta.appendElement("span").text("→ " + addresses(hit.to()));
      meta.appendElement("time").attr("datetime", hit.date() == null ? "" : hit.date().toString())
          .text(hit.date() == null ? "" : WHEN.format(hit.date()));
      meta.appendElement("span").text(hit.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).sorted()
          .collect(Collectors.joining(", ")));
      for (String snippet : hit.snippets()) {
        item.appendElement("p").addClass("snippet").append(SafeHtml.snippet(snippet));
      }
    }
    Element paging = section.appendElement("nav").addClass("paging").attr("aria-label", "Result pages");
    if (result.page() > 1) {
      paging.appendElement("a").attr("href", "/archive/?" + encode(form.params(result.page() - 1))).attr("rel", "prev")
          .text("← Previous");
    }
    paging.appendElement("span").text("Page " + result.page() + " of " + pages);
    if (result.page() < pages) {
      paging.appendElement("a").attr("href", "/archive/?" + encode(form.params(result.page() + 1))).attr("rel", "next")
          .text("Next →");
    }
  }

  // ---- message ----

  private Document message(Context ctx, UiUser user) throws Exception {
    MessageView view = reader.message(user.caller(), ctx.pathParam("id"));
    MessageDetail detail = view.detail();
    SearchHit summary = detail.summary();
    String subject = summary.subject().isBlank() ? "(no subject)" : summary.subject();
    Document doc = routes.layout(user, subject, "");
    Element main = Layout.main(doc);
    main.appendElement("p").addClass("back").appendElement("a").attr("href", "/archive/").text("← Back to search");
    main.appendElement("h1").addClass("message-subject").text(subject);
    Element facts = main.appendElement("dl").addClass("facts");
    fact(facts, "From", summary.from() == null ? "" : summary.from().toString());
    fact(facts, "To", addresses(summary.to()));
    if (!summary.cc().isEmpty()) {
      fact(facts, "Cc", addresses(summary.cc()));
    }
    fact(facts, "Date", summary.date() == null ? "" : WHEN.format(summary.date()));
    fact(facts, "Message-ID", summary.messageId() == null ? "" : summary.messageId());
    fact(facts, "Size", bytes(summary.size()));
    fact(facts, "Archive id", Long.toString(summary.id()));
    Element actions = main.appendElement("p").addClass("actions");
    actions.appendElement("a").attr("href", "/archive/messages/" + summary.id() + "/raw").attr("download", "")
        .text("Download original (.eml)");
    if (!detail.problems().isEmpty()) {
      Element problems = main.appendElement("div").addClass("notice");
      problems.appendElement("p").text("This message is flagged:");
      Element ul = problems.appendElement("ul");
      detail.problems().forEach(p -> ul.appendElement("li").text(p));
    }
    attachments(main, summary.id(), detail.parts());
    Element body = main.appendElement("section").addClass("body").attr("aria-label", "Message body");
    body.appendElement("h2").text("Message");
    if (!view.htmlBodies().isEmpty()) {
      for (String html : view.htmlBodies()) {
        body.appendElement("div").addClass("html-body").append(SafeHtml.message(html));
      }
      Element text = body.appendElement("details");
      text.appendElement("summary").text("Plain text version");
      text.appendElement("pre").addClass("text-body").text(detail.bodyText());
    } else {
      body.appendElement("pre").addClass("text-body").text(detail.bodyText());
    }
    if (detail.envelopeVisible()) {
      envelope(main, detail.copies());
    }
    Element headers = main.appendElement("details").addClass("headers");
    headers.appendElement("summary").text("All header fields (" + detail.headers().size() + ")");
    Element table = headers.appendElement("table");
    for (HeaderField field : detail.headers()) {
      Element tr = table.appendElement("tr");
      tr.appendElement("th").attr("scope", "row").text(field.name());
      tr.appendElement("td").text(field.value());
    }
    return doc;
  }

  private static void attachments(Element main, long id, List<MessagePart> parts) {
    List<MessagePart> files = parts.stream().filter(MessagePart::attachment).toList();
    if (files.isEmpty()) {
      return;
    }
    Element section = main.appendElement("section").addClass("attachments");
    section.appendElement("h2").text("Attachments (" + files.size() + ")");
    Element ul = section.appendElement("ul");
    for (MessagePart part : files) {
      Element li = ul.appendElement("li");
      li.appendElement("a").attr("href", "/archive/messages/" + id + "/attachments/" + part.ordinal())
          .attr("download", "").text(part.fileName() == null ? "part " + part.ordinal() : part.fileName());
      li.appendElement("span").addClass("muted").text(" " + part.mediaType() + ", " + bytes(part.size()));
      li.appendElement("code").addClass("hash").attr("title", "SHA-256").text(part.sha256());
    }
  }

  private static void envelope(Element main, List<JournalCopy> copies) {
    Element section = main.appendElement("section").addClass("envelope");
    section.appendElement("h2").text("Envelope (" + copies.size() + (copies.size() == 1 ? " copy" : " copies") + ")");
    Element table = section.appendElement("table");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : List.of("Received", "Direction", "MAIL FROM", "RCPT TO", "Client", "Authenticated",
        "Journal entry")) {
      head.appendElement("th").attr("scope", "col").text(column);
    }
    Element body = table.appendElement("tbody");
    for (JournalCopy copy : copies) {
      Element tr = body.appendElement("tr");
      tr.appendElement("td").text(copy.receivedAt() == null ? "" : WHEN.format(copy.receivedAt()));
      tr.appendElement("td").text(copy.direction() == null ? "" : copy.direction().name().toLowerCase(Locale.ROOT));
      tr.appendElement("td").text(copy.mailFrom() == null || copy.mailFrom().isEmpty() ? "<>" : copy.mailFrom());
      tr.appendElement("td").text(String.join(", ", copy.recipients()));
      tr.appendElement("td").text(copy.clientIp() == null ? "" : copy.clientIp());
      tr.appendElement("td").text(copy.authenticatedUser() == null ? "" : copy.authenticatedUser());
      tr.appendElement("td").text("#" + copy.sequence());
    }
  }

  private static void fact(Element dl, String term, String value) {
    dl.appendElement("dt").text(term);
    dl.appendElement("dd").text(value);
  }

  private static String addresses(List<Mailbox> mailboxes) {
    return mailboxes.stream().map(Mailbox::toString).collect(Collectors.joining(", "));
  }

  private static String bytes(long size) {
    if (size < 1024) {
      return size + " B";
    }
    if (size < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", size / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
  }

  private static String encode(Map<String, String> params) {
    return params.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
