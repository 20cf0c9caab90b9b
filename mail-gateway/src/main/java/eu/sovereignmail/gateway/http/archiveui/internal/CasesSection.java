package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.archive.cases.CaseNote;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.cases.SavedSearch;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import eu.sovereignmail.gateway.http.archive.CasesApi;
import eu.sovereignmail.gateway.http.archive.ExportsApi;
import eu.sovereignmail.gateway.http.archive.LegalParts;
import eu.sovereignmail.gateway.http.archive.internal.LegalViews;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import eu.sovereignmail.gateway.http.archiveui.UiPage;
import eu.sovereignmail.gateway.http.archiveui.NavLink;
import eu.sovereignmail.gateway.http.archiveui.UiRoutes;
import eu.sovereignmail.gateway.http.archiveui.UiSection;
import eu.sovereignmail.gateway.http.archiveui.UiUser;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The case pages of the legal UI: the list of cases (a new one), and one case with its custodians, members, holds,
 * saved searches (run one: the search page with its query), notes and exports (started here, their progress kept
 * current by the one small script or by a refresh, downloaded with their signed manifest). The archive decides who
 * may see and change a case; refusals become error pages.
 */
public final class CasesSection implements UiSection {
  public static final String PATH = "/archive/cases";
  private static final String EXPORTS = "/archive/exports";
  private static final Set<String> ROLES = Set.of(ArchiveRoles.LEGAL, ArchiveRoles.LEGAL_ADMIN);

  private final LegalParts legal;
  private UiRoutes routes;

  public CasesSection(LegalParts legal) {
    this.legal = legal;
  }

  @Override
  public NavLink nav() {
    return NavLink.forLegal("Cases", PATH);
  }

  @Override
  public void mount(UiRoutes routes) {
    this.routes = routes;
    routes.page(PATH, ROLES, this::list);
    routes.form(PATH, ROLES, (ctx, user) -> {
      LegalCase created = legal.cases().create(user.caller().actor(), Forms.value(ctx, "name"),
          Forms.value(ctx, "description"));
      Forms.done(ctx, casePath(created.id()));
      return null;
    });
    routes.page(PATH + "/{id}", ROLES, this::show);
    routes.form(PATH + "/{id}", ROLES, change((ctx, user, id) -> legal.cases().update(user.caller().actor(), id,
        Forms.value(ctx, "name"), Forms.value(ctx, "description"), CasesApi.status(Forms.value(ctx, "status")))));
    routes.form(PATH + "/{id}/custodians", ROLES, change((ctx, user, id) ->
        legal.cases().addCustodian(user.caller().actor(), id, Forms.value(ctx, "address"))));
    routes.form(PATH + "/{id}/custodians/remove", ROLES, change((ctx, user, id) ->
        legal.cases().removeCustodian(user.caller().actor(), id, Forms.value(ctx, "address"))));
    routes.form(PATH + "/{id}/members", ROLES, change((ctx, user, id) ->
        legal.cases().addMember(user.caller().actor(), id, Forms.value(ctx, "username"))));
    routes.form(PATH + "/{id}/members/remove", ROLES, change((ctx, user, id) ->
        legal.cases().removeMember(user.caller().actor(), id, Forms.value(ctx, "username"))));
    routes.form(PATH + "/{id}/searches", ROLES, change((ctx, user, id) -> legal.cases().saveSearch(
        user.caller().actor(), id, Forms.value(ctx, "name"), Forms.value(ctx, "query"))));
    routes.form(PATH + "/{id}/searches/remove", ROLES, change((ctx, user, id) -> legal.cases().removeSearch(
        user.caller().actor(), id, Params.id("a saved search id", ctx.formParam("search")))));
    routes.form(PATH + "/{id}/notes", ROLES, change((ctx, user, id) ->
        legal.cases().addNote(user.caller().actor(), id, Forms.value(ctx, "text"))));
    routes.form(PATH + "/{id}/holds", ROLES, change((ctx, user, id) -> CasesApi.placeHold(legal, user.caller(), id,
        Forms.value(ctx, "kind"), ctx.formParam("address"), ctx.formParam("from"), ctx.formParam("to"),
        ctx.formParam("query"))));
    routes.form("/archive/holds/{holdId}/release", Set.of(ArchiveRoles.LEGAL_ADMIN), (ctx, user) -> {
      Hold released = legal.holds().release(user.caller().actor(), Params.id("a hold id", ctx.pathParam("holdId")),
          Forms.value(ctx, "reason"));
      Forms.done(ctx, casePath(released.caseId()) + "#holds");
      return null;
    });
    routes.form(PATH + "/{id}/exports", ROLES, change((ctx, user, id) -> {
      List<String> queries = Arrays.stream(Forms.value(ctx, "queries").split("\\R")).map(String::strip)
          .filter(q -> !q.isEmpty()).toList();
      return legal.exports().start(user.caller().actor(), id, queries, ExportsApi.format(Forms.value(ctx, "format")));
    }));
    routes.page(EXPORTS + "/{exportId}/progress", ROLES, (ctx, user) -> {
      long id = Params.id("an export id", ctx.pathParam("exportId"));
      Json.respond(ctx, 200, LegalViews.export(legal.exports().progress(user.caller().actor(), id), null));
      return null;
    });
    routes.page(EXPORTS + "/{exportId}/download", ROLES, (ctx, user) -> {
      ExportsApi.download(legal, user.caller(), Params.id("an export id", ctx.pathParam("exportId"))).send(ctx);
      return null;
    });
    routes.page(EXPORTS + "/{exportId}/files/{part}", ROLES, (ctx, user) -> {
      ExportsApi.part(legal, user.caller(), Params.id("an export id", ctx.pathParam("exportId")),
          ctx.pathParam("part")).send(ctx);
      return null;
    });
  }

  /** A change to case {@code id} from a form; then back to the case page. */
  private interface Change {
    Object apply(Context ctx, UiUser user, long caseId) throws Exception;
  }

  private static UiPage change(Change change) {
    return (ctx, user) -> {
      long id = Params.id("a case id", ctx.pathParam("id"));
      change.apply(ctx, user, id);
      String anchor = ctx.path().substring(casePath(id).length());
      Forms.done(ctx, casePath(id) + (anchor.isEmpty() ? "" : "#" + anchor.substring(1).split("/")[0]));
      return null;
    };
  }

  static String casePath(long id) {
    return PATH + "/" + id;
  }

  // ---- the list ----

  private Document list(Context ctx, UiUser user) {
    Document doc = routes.layout(user, "Cases", PATH);
    Element main = Layout.main(doc);
    main.appendElement("h1").text("Cases");
    List<LegalCase> cases = legal.cases().list(user.caller().actor());
    if (cases.isEmpty()) {
      main.appendElement("p").addClass("muted").text(user.caller().hasRole(ArchiveRoles.LEGAL_ADMIN)
          ? "There are no cases yet." : "You are not a member of any case yet.");
    } else {
      Element body = Forms.table(main, "Case", "Status", "Custodians", "Members", "Opened");
      for (LegalCase c : cases) {
        Element tr = body.appendElement("tr");
        tr.appendElement("td").appendElement("a").attr("href", casePath(c.id())).text(c.name());
        tr.appendElement("td").appendElement("span").addClass("badge " + status(c.status())).text(status(c.status()));
        tr.appendElement("td").text(Integer.toString(c.custodians().size()));
        tr.appendElement("td").text(String.join(", ", c.members()));
        Forms.time(tr.appendElement("td"), c.createdAt()).appendText(" by " + c.createdBy());
      }
    }
    Element section = main.appendElement("section").addClass("panel").attr("aria-labelledby", "new-case");
    section.appendElement("h2").id("new-case").text("New case");
    Element form = Forms.post(section, PATH, user.csrfToken()).addClass("stacked");
    Forms.required(form, "name", "Name", "text").attr("maxlength", "200");
    Forms.textarea(form, "description", "Description", "", 3);
    Forms.submit(form, "Create case");
    return doc;
  }

  // ---- one case ----

  private Document show(Context ctx, UiUser user) {
    long id = Params.id("a case id", ctx.pathParam("id"));
    LegalCase c = legal.cases().get(user.caller().actor(), id);
    List<Hold> holds = legal.holds().list(user.caller().actor(), id);
    List<ExportProgress> exports = legal.exports().list(user.caller().actor(), id);
    Document doc = routes.layout(user, "Case: " + c.name(), PATH);
    boolean running = exports.stream().anyMatch(e -> e.status() == ExportProgress.Status.RUNNING);
    if (running) {
      doc.head().appendElement("noscript").appendElement("meta").attr("http-equiv", "refresh").attr("content", "5");
      doc.head().appendElement("script").attr("src", Layout.PROGRESS_SCRIPT).attr("defer", "");
    }
    Element main = Layout.main(doc);
    main.appendElement("p").addClass("back").appendElement("a").attr("href", PATH).text("← All cases");
    Element title = main.appendElement("h1").addClass("case-name").text(c.name() + " ");
    title.appendElement("span").addClass("badge " + status(c.status())).text(status(c.status()));
    if (!c.description().isBlank()) {
      main.appendElement("p").addClass("case-description").text(c.description());
    }
    main.appendElement("p").addClass("muted").text("Case " + c.id() + ", opened " + Forms.when(c.createdAt()) + " by "
        + c.createdBy() + ".");
    Element nav = main.appendElement("nav").addClass("toc").attr("aria-label", "On this page");
    for (String[] part : new String[][] {{"custodians", "Custodians"}, {"holds", "Holds"}, {"searches", "Saved searches"},
        {"exports", "Exports"}, {"notes", "Notes"}, {"members", "Members"}, {"details", "Details"}}) {
      nav.appendElement("a").attr("href", "#" + part[0]).text(part[1]);
    }
    String base = casePath(id);
    String csrf = user.csrfToken();
    custodians(main, c, base, csrf);
    holds(main, c, holds, base, user);
    searches(main, c, base, csrf);
    exports(main, c, exports, base, csrf);
    notes(main, c, base, csrf);
    members(main, c, base, csrf);
    details(main, c, base, csrf);
    return doc;
  }


  private static void custodians(Element main, LegalCase c, String base, String csrf) {
    Element section = Forms.section(main, "custodians", "Custodians (" + c.custodians().size() + ")");
    if (c.custodians().isEmpty()) {
      section.appendElement("p").addClass("muted").text("No custodians yet: add the addresses whose mail matters.");
    } else {
      Element ul = section.appendElement("ul").addClass("plain");
      for (String address : c.custodians()) {
        Element li = ul.appendElement("li");
        li.appendElement("span").addClass("address").text(address + " ");
        li.appendElement("a").attr("href", "/archive/?q=" + encode("participant:" + address)).text("Search");
        Forms.button(li, base + "/custodians/remove", csrf, "Remove", "address", address);
      }
    }
    Element form = Forms.post(section, base + "/custodians", csrf).addClass("row");
    Forms.required(form, "address", "Add custodian (mail address)", "email").attr("id", "custodian-address");
    form.selectFirst("label").attr("for", "custodian-address");
    Forms.submit(form, "Add custodian");
  }

  private static void holds(Element main, LegalCase c, List<Hold> holds, String base, UiUser user) {
    Element section = Forms.section(main, "holds", "Legal holds (" + holds.stream().filter(Hold::active).count()
        + " active)");
    section.appendElement("p").addClass("muted").text("Held messages are never purged. A hold stays until a legal "
        + "administrator releases it, with a reason.");
    if (!holds.isEmpty()) {
      Element body = Forms.table(section, "Hold", "Covers", "Placed", "Status");
      for (Hold h : holds) {
        Element tr = body.appendElement("tr").addClass(h.active() ? "hold-active" : "hold-released");
        tr.appendElement("td").text("#" + h.id() + " " + (h.kind() == HoldKind.CUSTODIAN ? "custodian" : "query"));
        Element covers = tr.appendElement("td");
        if (h.kind() == HoldKind.CUSTODIAN) {
          covers.appendElement("span").addClass("address").text(h.address());
          covers.appendText(h.from() == null && h.to() == null ? ", all dates"
              : ", " + (h.from() == null ? "…" : h.from()) + " to " + (h.to() == null ? "…" : h.to()));
        } else {
          covers.appendElement("code").text(h.query());
        }
        Forms.time(tr.appendElement("td"), h.placedAt()).appendText(" by " + h.placedBy());
        Element state = tr.appendElement("td");
        if (h.active()) {
          state.appendElement("span").addClass("badge held").text("active");
          if (user.caller().hasRole(ArchiveRoles.LEGAL_ADMIN)) {
            Element form = Forms.post(state, "/archive/holds/" + h.id() + "/release", user.csrfToken())
                .addClass("inline");
            form.appendElement("label").addClass("visually-hidden").attr("for", "reason-" + h.id())
                .text("Reason for releasing hold " + h.id());
            form.appendElement("input").attr("type", "text").attr("name", "reason").attr("id", "reason-" + h.id())
                .attr("placeholder", "reason").attr("required", "");
            Forms.submit(form, "Release");
          }
        } else {
          state.text("released " + Forms.when(h.releasedAt()) + " by " + h.releasedBy() + ": " + h.releaseReason());
        }
      }
    }
    if (c.status() == CaseStatus.CLOSED) {
      section.appendElement("p").addClass("muted").text("The case is closed: reopen it to place holds.");
      return;
    }
    Element forms = section.appendElement("div").addClass("columns");
    Element byCustodian = Forms.post(forms, base + "/holds", user.csrfToken()).addClass("stacked").id("hold-custodian");
    byCustodian.appendElement("h3").text("Hold a custodian's mail");
    byCustodian.appendElement("input").attr("type", "hidden").attr("name", "kind").val("custodian");
    Element select = Forms.select(byCustodian, "address", "Custodian").attr("id", "hold-address");
    select.parent().selectFirst("label").attr("for", "hold-address");
    c.custodians().forEach(a -> Forms.option(select, a, a, ""));
    if (c.custodians().isEmpty()) {
      select.attr("disabled", "");
      byCustodian.appendElement("p").addClass("muted").text("Add a custodian first.");
    }
    Forms.field(byCustodian, "from", "From date (optional)", "date", "");
    Forms.field(byCustodian, "to", "Until date (optional, inclusive)", "date", "");
    Forms.submit(byCustodian, "Place custodian hold");
    Element byQuery = Forms.post(forms, base + "/holds", user.csrfToken()).addClass("stacked").id("hold-query");
    byQuery.appendElement("h3").text("Hold what a query finds");
    byQuery.appendElement("input").attr("type", "hidden").attr("name", "kind").val("query");
    Forms.required(byQuery, "query", "Query", "text").attr("id", "hold-query-text").addClass("mono");
    byQuery.selectFirst("label").attr("for", "hold-query-text");
    Forms.submit(byQuery, "Place query hold");
  }

  private static void searches(Element main, LegalCase c, String base, String csrf) {
    Element section = Forms.section(main, "searches", "Saved searches (" + c.savedSearches().size() + ")");
    if (!c.savedSearches().isEmpty()) {
      Element body = Forms.table(section, "Name", "Query", "Saved", "");
      for (SavedSearch s : c.savedSearches()) {
        Element tr = body.appendElement("tr");
        tr.appendElement("td").text(s.name());
        tr.appendElement("td").appendElement("code").text(s.query());
        Forms.time(tr.appendElement("td"), s.createdAt()).appendText(" by " + s.createdBy());
        Element actions = tr.appendElement("td").addClass("actions");
        actions.appendElement("a").addClass("button secondary").attr("href", "/archive/?q=" + encode(s.query()))
            .text("Run");
        Forms.button(actions, base + "/searches/remove", csrf, "Remove", "search", Long.toString(s.id()));
      }
    }
    Element form = Forms.post(section, base + "/searches", csrf).addClass("row");
    Forms.required(form, "name", "Name", "text").attr("id", "search-name");
    form.selectFirst("label").attr("for", "search-name");
    Forms.required(form, "query", "Query", "text").attr("id", "search-query").addClass("mono");
    form.select("label").get(1).attr("for", "search-query");
    Forms.submit(form, "Save search");
  }

  private static void exports(Element main, LegalCase c, List<ExportProgress> exports, String base, String csrf) {
    Element section = Forms.section(main, "exports", "Exports (" + exports.size() + ")");
    if (!exports.isEmpty()) {
      Element body = Forms.table(section, "Export", "Requested", "Progress", "Files");
      for (ExportProgress e : exports) {
        Element tr = body.appendElement("tr").addClass("export").attr("data-export-id", Long.toString(e.id()))
            .attr("data-status", e.status().name().toLowerCase(Locale.ROOT));
        tr.appendElement("td").text("#" + e.id() + " " + e.format().name());
        Forms.time(tr.appendElement("td"), e.requestedAt()).appendText(" by " + e.requestedBy());
        Element progress = tr.appendElement("td");
        switch (e.status()) {
          case RUNNING -> {
            progress.attr("data-export-progress", EXPORTS + "/" + e.id() + "/progress");
            progress.appendElement("progress").attr("max", "100").attr("value", Integer.toString(e.percent()))
                .attr("aria-label", "Export " + e.id() + " progress");
            progress.appendElement("span").addClass("export-progress-text")
                .text(e.done() + " of " + e.total() + " messages (" + e.percent() + "%)");
          }
          case DONE -> progress.appendElement("span").addClass("badge ok").text("done").parent()
              .appendText(" " + e.total() + " messages" + (e.missing() > 0 ? ", " + e.missing() + " purged meanwhile"
                  : "") + ", " + e.bytes().map(CasesSection::size).orElse(""));
          case FAILED -> progress.appendElement("span").addClass("badge bad").text("failed").parent()
              .appendText(" " + e.error().orElse(""));
        }
        Element files = tr.appendElement("td").addClass("files");
        if (e.status() == ExportProgress.Status.DONE) {
          files.appendElement("a").addClass("download").attr("href", EXPORTS + "/" + e.id() + "/download")
              .text("Download " + (e.format().name().equals("ZIP") ? "ZIP" : "mbox"));
          for (String part : ExportsApi.partNames()) {
            files.appendText(" ");
            files.appendElement("a").addClass("part").attr("href", EXPORTS + "/" + e.id() + "/files/" + part)
                .text(part);
          }
          e.sha256().ifPresent(sha -> files.appendElement("code").addClass("hash").attr("title", "SHA-256").text(sha));
        }
      }
    }
    Element form = Forms.post(section, base + "/exports", csrf).addClass("stacked").id("start-export");
    form.appendElement("h3").text("Start an export");
    Set<String> suggested = new LinkedHashSet<>();
    c.savedSearches().forEach(s -> suggested.add(s.query()));
    c.custodians().forEach(a -> suggested.add("participant:" + a));
    Forms.textarea(form, "queries", "Queries, one per line (the export holds every message any of them finds)",
        String.join("\n", suggested), Math.max(2, Math.min(8, suggested.size()))).addClass("mono").attr("required", "");
    Element format = Forms.select(form, "format", "Format");
    Forms.option(format, "zip", "ZIP: EML files, manifest (CSV, JSON), signature", "zip");
    Forms.option(format, "mbox", "mbox, with manifest and signature beside it", "zip");
    Forms.submit(form, "Start export");
    section.appendElement("p").addClass("muted").text("Each export's manifest.json is signed (Ed25519) with the "
        + "archive's key: verify manifest.json.sig against signing-key.pem.");
  }

  private static void notes(Element main, LegalCase c, String base, String csrf) {
    Element section = Forms.section(main, "notes", "Notes (" + c.notes().size() + ")");
    Element list = section.appendElement("ol").addClass("notes");
    for (CaseNote note : c.notes()) {
      Element li = list.appendElement("li");
      Element head = li.appendElement("div").addClass("muted");
      head.appendText(note.author() + ", ");
      Forms.time(head, note.at());
      li.appendElement("p").addClass("note-text").text(note.text());
    }
    Element form = Forms.post(section, base + "/notes", csrf).addClass("stacked");
    Forms.textarea(form, "text", "Add a note (notes cannot be edited or removed)", "", 3).attr("required", "");
    Forms.submit(form, "Add note");
  }

  private static void members(Element main, LegalCase c, String base, String csrf) {
    Element section = Forms.section(main, "members", "Members (" + c.members().size() + ")");
    section.appendElement("p").addClass("muted").text("Users with the legal role see and work on a case only as its "
        + "members; legal administrators see every case.");
    Element ul = section.appendElement("ul").addClass("plain");
    for (String member : c.members()) {
      Element li = ul.appendElement("li").text(member + " ");
      Forms.button(li, base + "/members/remove", csrf, "Remove", "username", member);
    }
    Element form = Forms.post(section, base + "/members", csrf).addClass("row");
    Forms.required(form, "username", "Add member (user name)", "text").attr("id", "member-username");
    form.selectFirst("label").attr("for", "member-username");
    Forms.submit(form, "Add member");
  }

  private static void details(Element main, LegalCase c, String base, String csrf) {
    Element section = Forms.section(main, "details", "Details");
    Element form = Forms.post(section, base, csrf).addClass("stacked");
    Forms.field(form, "name", "Name", "text", c.name()).attr("required", "").attr("maxlength", "200");
    Forms.textarea(form, "description", "Description", c.description(), 3);
    Element status = Forms.select(form, "status", "Status");
    Forms.option(status, "open", "Open", status(c.status()));
    Forms.option(status, "closed", "Closed", status(c.status()));
    Forms.submit(form, "Save details");
  }

  private static String status(CaseStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static String size(long bytes) {
    return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
