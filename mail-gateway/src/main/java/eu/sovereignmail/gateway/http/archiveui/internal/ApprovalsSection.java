package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.archive.retention.DueSummary;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import eu.sovereignmail.gateway.http.archive.LegalParts;
import eu.sovereignmail.gateway.http.archive.RetentionApi;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import eu.sovereignmail.gateway.http.archiveui.NavLink;
import eu.sovereignmail.gateway.http.archiveui.UiRoutes;
import eu.sovereignmail.gateway.http.archiveui.UiSection;
import eu.sovereignmail.gateway.http.archiveui.UiUser;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The approvals page, for legal administrators: retention policies, what they make due, purge proposals, and the
 * four-eyes decision. A proposer sees their own pending proposal without an approve button (they may withdraw it);
 * the archive refuses their approval anyway, so a forged form changes nothing.
 */
public final class ApprovalsSection implements UiSection {
  public static final String PATH = "/archive/approvals";
  private static final Set<String> ADMIN = Set.of(ArchiveRoles.LEGAL_ADMIN);

  private final LegalParts legal;
  private UiRoutes routes;

  public ApprovalsSection(LegalParts legal) {
    this.legal = legal;
  }

  @Override
  public NavLink nav() {
    return NavLink.forLegalAdmins("Approvals", PATH);
  }

  @Override
  public void mount(UiRoutes routes) {
    this.routes = routes;
    routes.page(PATH, ADMIN, this::page);
    routes.form(PATH + "/policies", ADMIN, (ctx, user) -> {
      RetentionApi.setPolicy(legal, user.caller(), Forms.value(ctx, "scope"), Forms.value(ctx, "target"),
          Forms.value(ctx, "keep"));
      Forms.done(ctx, PATH + "#policies");
      return null;
    });
    routes.form(PATH + "/policies/{id}/remove", ADMIN, (ctx, user) -> {
      legal.retention().removePolicy(user.caller().actor(), Params.id("a policy id", ctx.pathParam("id")));
      Forms.done(ctx, PATH + "#policies");
      return null;
    });
    routes.form(PATH + "/propose", ADMIN, (ctx, user) -> {
      String policy = ctx.formParam("policy");
      if (policy != null) {
        legal.retention().proposePurge(user.caller().actor(), Params.id("a policy id", policy));
      } else {
        List<Long> ids = Arrays.stream(Forms.value(ctx, "ids").split("[\\s,;]+")).filter(s -> !s.isBlank())
            .map(s -> Params.id("a message id", s)).toList();
        legal.retention().proposePurge(user.caller().actor(), ids, Forms.value(ctx, "reason"));
      }
      Forms.done(ctx, PATH + "#proposals");
      return null;
    });
    routes.form(PATH + "/{id}/approve", ADMIN, (ctx, user) -> {
      legal.retention().approve(user.caller().actor(), Params.id("a proposal id", ctx.pathParam("id")));
      Forms.done(ctx, PATH + "#proposals");
      return null;
    });
    routes.form(PATH + "/{id}/reject", ADMIN, (ctx, user) -> {
      legal.retention().reject(user.caller().actor(), Params.id("a proposal id", ctx.pathParam("id")),
          Forms.value(ctx, "note"));
      Forms.done(ctx, PATH + "#proposals");
      return null;
    });
  }

  private Document page(Context ctx, UiUser user) {
    var actor = user.caller().actor();
    List<RetentionPolicy> policies = legal.retention().policies(actor);
    Map<Long, DueSummary> due = legal.retention().due(actor).stream()
        .collect(Collectors.toMap(DueSummary::policyId, Function.identity(), (a, b) -> b));
    List<PurgeProposal> proposals = legal.retention().proposals(actor);
    Document doc = routes.layout(user, "Approvals", PATH);
    Element main = Layout.main(doc);
    main.appendElement("h1").text("Retention and approvals");
    main.appendElement("p").addClass("muted").text("Nothing is purged until a second legal administrator approves a "
        + "proposal. Messages under a legal hold are never purged: they are left out when a purge is proposed and "
        + "checked again when it runs.");
    proposals(main, proposals, user);
    policies(main, policies, due, user.csrfToken());
    explicit(main, user.csrfToken());
    return doc;
  }

  private static void proposals(Element main, List<PurgeProposal> proposals, UiUser user) {
    Element section = Forms.section(main, "proposals", "Purge proposals");
    List<PurgeProposal> pending = proposals.stream().filter(p -> p.status() == PurgeProposal.Status.PENDING).toList();
    section.appendElement("p").text(pending.isEmpty() ? "No proposal is waiting for a decision."
        : pending.size() + (pending.size() == 1 ? " proposal waits" : " proposals wait") + " for a decision.");
    if (proposals.isEmpty()) {
      return;
    }
    Element body = Forms.table(section, "Proposal", "Messages", "Proposed", "Status", "Decision");
    for (PurgeProposal p : proposals) {
      Element tr = body.appendElement("tr").addClass("proposal").attr("data-proposal-id", Long.toString(p.id()))
          .attr("data-status", p.status().name().toLowerCase(Locale.ROOT));
      Element what = tr.appendElement("td");
      what.appendElement("strong").text("#" + p.id() + " ");
      what.appendText(p.reason());
      tr.appendElement("td").text(p.status() == PurgeProposal.Status.EXECUTED ? p.purged() + " purged of "
          + p.messages() + (p.skippedHeld() > 0 ? ", " + p.skippedHeld() + " kept (held)" : "")
          : Integer.toString(p.messages()));
      Forms.time(tr.appendElement("td"), p.proposedAt()).appendText(" by " + p.proposedBy());
      tr.appendElement("td").appendElement("span").addClass("badge " + p.status().name().toLowerCase(Locale.ROOT))
          .text(p.status().name().toLowerCase(Locale.ROOT));
      Element decision = tr.appendElement("td").addClass("actions");
      if (p.status() != PurgeProposal.Status.PENDING) {
        decision.text(p.decidedBy().orElse("") + p.decidedAt().map(t -> ", " + Forms.when(t)).orElse("")
            + p.decisionNote().filter(n -> !n.isBlank()).map(n -> ": " + n).orElse(""));
        continue;
      }
      boolean own = p.proposedBy().equalsIgnoreCase(user.caller().username());
      if (own) {
        decision.appendElement("p").addClass("own-proposal").text("Your proposal: another legal administrator must "
            + "approve it.");
      } else {
        Forms.button(decision, PATH + "/" + p.id() + "/approve", user.csrfToken(), "Approve and purge")
            .addClass("approve").selectFirst("button").removeClass("secondary").addClass("danger");
      }
      Element reject = Forms.post(decision, PATH + "/" + p.id() + "/reject", user.csrfToken()).addClass("inline reject");
      reject.appendElement("label").addClass("visually-hidden").attr("for", "note-" + p.id())
          .text("Note for proposal " + p.id());
      reject.appendElement("input").attr("type", "text").attr("name", "note").attr("id", "note-" + p.id())
          .attr("placeholder", own ? "why withdraw" : "why reject");
      Forms.submit(reject, own ? "Withdraw" : "Reject").addClass("secondary");
    }
  }

  private static void policies(Element main, List<RetentionPolicy> policies, Map<Long, DueSummary> due, String csrf) {
    Element section = Forms.section(main, "policies", "Retention policies and what is due");
    section.appendElement("p").addClass("muted").text("A message is due when every policy that governs one of its "
        + "addresses has expired (the longest wins), counted from its first receipt. The due counts are computed "
        + "daily; proposing a purge computes them afresh.");
    if (!policies.isEmpty()) {
      Element body = Forms.table(section, "Policy", "Keep", "Due", "");
      for (RetentionPolicy p : policies) {
        Element tr = body.appendElement("tr").addClass("policy");
        tr.appendElement("td").text(p.scope().name().toLowerCase(Locale.ROOT) + " " + p.target());
        tr.appendElement("td").text(p.keep().toString());
        DueSummary d = due.get(p.id());
        tr.appendElement("td").text(d == null ? "not computed yet" : d.due() + " messages (" + Forms.when(d.computedAt())
            + ")");
        Element actions = tr.appendElement("td").addClass("actions");
        Forms.button(actions, PATH + "/propose", csrf, "Propose purge", "policy", Long.toString(p.id()))
            .selectFirst("button").removeClass("secondary");
        Forms.button(actions, PATH + "/policies/" + p.id() + "/remove", csrf, "Remove policy");
      }
    }
    Element form = Forms.post(section, PATH + "/policies", csrf).addClass("row");
    Element scope = Forms.select(form, "scope", "Scope");
    Forms.option(scope, "domain", "Domain", "domain");
    Forms.option(scope, "mailbox", "Mailbox", "domain");
    Forms.required(form, "target", "Domain or address", "text");
    Forms.field(form, "keep", "Keep for (e.g. P10Y, P6M)", "text", "P10Y").attr("required", "");
    Forms.submit(form, "Set policy");
  }

  private static void explicit(Element main, String csrf) {
    Element section = Forms.section(main, "explicit", "Propose purging named messages");
    Element form = Forms.post(section, PATH + "/propose", csrf).addClass("stacked");
    Forms.textarea(form, "ids", "Archive ids (separated by spaces or commas)", "", 2).attr("required", "");
    Forms.required(form, "reason", "Reason", "text");
    Forms.submit(form, "Propose purge");
  }
}
