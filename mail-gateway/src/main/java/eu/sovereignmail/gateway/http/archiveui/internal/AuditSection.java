package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import eu.sovereignmail.gateway.http.archive.AuditApi;
import eu.sovereignmail.gateway.http.archive.LegalParts;
import eu.sovereignmail.gateway.http.archiveui.NavLink;
import eu.sovereignmail.gateway.http.archiveui.UiRoutes;
import eu.sovereignmail.gateway.http.archiveui.UiSection;
import eu.sovereignmail.gateway.http.archiveui.UiUser;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The audit log page, for legal administrators: who searched, viewed, downloaded, exported, held and purged what,
 * when and from where, newest first with filters and paging; exports of the filtered log (CSV or JSON); and a check
 * of the hash chain on request (it reads the whole log).
 */
public final class AuditSection implements UiSection {
  public static final String PATH = "/archive/audit";
  private static final Set<String> ADMIN = Set.of(ArchiveRoles.LEGAL_ADMIN);
  private static final List<String> FILTERS = List.of("actor", "action", "target", "from", "until");

  private final LegalParts legal;
  private UiRoutes routes;

  public AuditSection(LegalParts legal) {
    this.legal = legal;
  }

  @Override
  public NavLink nav() {
    return NavLink.forLegalAdmins("Audit log", PATH);
  }

  @Override
  public void mount(UiRoutes routes) {
    this.routes = routes;
    routes.page(PATH, ADMIN, this::page);
    routes.page(PATH + "/export", ADMIN, (ctx, user) -> {
      AuditApi.export(legal, user.caller(), ctx);
      return null;
    });
  }

  private Document page(Context ctx, UiUser user) {
    AuditQuery query = AuditApi.query(ctx);
    boolean verify = "1".equals(ctx.queryParam("verify"));
    AuditVerifyReport report = verify ? legal.audit().verify() : null;
    AuditPage page = legal.audit().list(user.caller().actor(), query);
    Document doc = routes.layout(user, "Audit log", PATH);
    Element main = Layout.main(doc);
    main.appendElement("h1").text("Audit log");
    Map<String, String> filters = new LinkedHashMap<>();
    FILTERS.forEach(f -> filters.put(f, ctx.queryParam(f) == null ? "" : ctx.queryParam(f)));
    verifyBox(main, report, filters);
    Element form = main.appendElement("form").attr("method", "get").attr("action", PATH).addClass("filters-form");
    Element fields = form.appendElement("fieldset").addClass("filters");
    fields.appendElement("legend").text("Filters");
    Forms.field(fields, "actor", "User", "text", filters.get("actor"));
    Forms.field(fields, "action", "Action (e.g. archive.search, purge.)", "text", filters.get("action"))
        .attr("list", "audit-actions");
    Element actions = fields.appendElement("datalist").id("audit-actions");
    for (String action : List.of("archive.", "archive.search", "archive.view", "archive.raw", "archive.download",
        "case.", "hold.", "retention.", "purge.", "export.", "audit.", "access.denied")) {
      actions.appendElement("option").val(action);
    }
    Forms.field(fields, "target", "Target (e.g. case:3)", "text", filters.get("target"));
    Forms.field(fields, "from", "From date", "date", filters.get("from"));
    Forms.field(fields, "until", "Before date", "date", filters.get("until"));
    Forms.submit(fields, "Filter");
    Element exports = main.appendElement("p").addClass("actions");
    exports.appendText("Export these entries (oldest first): ");
    exports.appendElement("a").addClass("button secondary").attr("href", PATH + "/export?" + encode(filters, "format",
        "csv")).text("CSV");
    exports.appendText(" ");
    exports.appendElement("a").addClass("button secondary").attr("href", PATH + "/export?" + encode(filters, "format",
        "json")).text("JSON");
    entries(main, page, filters);
    return doc;
  }

  private static void verifyBox(Element main, AuditVerifyReport report, Map<String, String> filters) {
    if (report == null) {
      Element p = main.appendElement("p").addClass("verify");
      p.appendElement("a").addClass("button secondary").id("verify-chain")
          .attr("href", PATH + "?" + encode(filters, "verify", "1")).text("Verify the hash chain");
      p.appendText(" Recomputes every entry's hash and link (reads the whole log).");
      return;
    }
    if (report.clean()) {
      main.appendElement("div").addClass("verify ok").attr("role", "status").id("verify-result")
          .text("Chain verified: " + report.entriesChecked() + " entries, every hash and link intact.");
    } else {
      AuditVerifyReport.Break b = report.firstBreak().orElseThrow();
      main.appendElement("div").addClass("problem").attr("role", "alert").id("verify-result")
          .text("Chain broken at entry " + b.seq() + " (" + b.kind() + "): " + b.reason() + ". "
              + report.entriesChecked() + " entries checked.");
    }
  }

  private static void entries(Element main, AuditPage page, Map<String, String> filters) {
    long pages = Math.max(1, (page.total() + page.pageSize() - 1) / page.pageSize());
    main.appendElement("h2").id("entries-title").text(page.total() + (page.total() == 1 ? " entry" : " entries"));
    if (page.entries().isEmpty()) {
      main.appendElement("p").addClass("muted").text("No entry matches the filters.");
      return;
    }
    Element body = Forms.table(main.appendElement("div").addClass("scroll"), "#", "When", "User", "From", "Action",
        "Target", "Detail", "Hash");
    body.parent().addClass("audit");
    for (AuditEntry e : page.entries()) {
      Element tr = body.appendElement("tr").addClass("entry").attr("data-action", e.action());
      tr.appendElement("td").text(Long.toString(e.seq()));
      Forms.time(tr.appendElement("td"), e.at());
      tr.appendElement("td").text(e.actor()).attr("title", String.join(", ", e.roles()));
      tr.appendElement("td").text(e.origin());
      tr.appendElement("td").appendElement("code").text(e.action());
      tr.appendElement("td").text(e.target());
      tr.appendElement("td").addClass("detail").text(e.detail());
      tr.appendElement("td").appendElement("code").addClass("hash").attr("title", e.hash())
          .text(e.hash().substring(0, Math.min(12, e.hash().length())) + "…");
    }
    Element paging = main.appendElement("nav").addClass("paging").attr("aria-label", "Audit pages");
    Map<String, String> params = new LinkedHashMap<>(filters);
    params.put("size", Integer.toString(page.pageSize()));
    if (page.page() > 1) {
      paging.appendElement("a").attr("rel", "prev").attr("href", PATH + "?" + encode(params, "page",
          Integer.toString(page.page() - 1))).text("← Newer");
    }
    paging.appendElement("span").text("Page " + page.page() + " of " + pages);
    if (page.page() < pages) {
      paging.appendElement("a").attr("rel", "next").attr("href", PATH + "?" + encode(params, "page",
          Integer.toString(page.page() + 1))).text("Older →");
    }
  }

  private static String encode(Map<String, String> params, String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put(name, value);
    return all.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
