package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.internal.LegalRequests;
import eu.sovereignmail.gateway.http.archive.internal.LegalViews;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /api/archive/cases} and {@code /api/archive/holds}: legal matters with their members, custodians, saved
 * searches and notes, and the holds placed for them. The archive decides who may (a {@code legal} user within the
 * cases they belong to, {@code legal-admin} everywhere) and records every change; this module maps HTTP to it.
 */
public final class CasesApi implements HttpModule {
  public static final String CASES = ArchiveApi.PATH + "/cases";
  public static final String HOLDS = ArchiveApi.PATH + "/holds";

  private final LegalParts legal;
  private final ArchiveAccess access;

  public CasesApi(LegalParts legal, ArchiveAccess access) {
    this.legal = Objects.requireNonNull(legal, "legal");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(CASES, access.guard((ctx, caller) ->
        Json.respond(ctx, 200, legal.cases().list(caller.actor()).stream().map(LegalViews::legalCase).toList())));
    routes.post(CASES, access.guard((ctx, caller) -> {
      LegalRequests.NewCase body = Json.body(ctx, LegalRequests.NewCase.class);
      LegalCase created = legal.cases().create(caller.actor(), body.name(), body.description());
      ctx.header("Location", CASES + "/" + created.id());
      Json.respond(ctx, 201, LegalViews.legalCase(created));
    }));
    routes.get(CASES + "/{id}", access.guard((ctx, caller) ->
        answer(ctx, legal.cases().get(caller.actor(), caseId(ctx)))));
    routes.put(CASES + "/{id}", access.guard(this::update));
    routes.post(CASES + "/{id}/members", access.guard((ctx, caller) -> answer(ctx, legal.cases().addMember(
        caller.actor(), caseId(ctx), Json.body(ctx, LegalRequests.Member.class).username()))));
    routes.delete(CASES + "/{id}/members/{username}", access.guard((ctx, caller) -> answer(ctx,
        legal.cases().removeMember(caller.actor(), caseId(ctx), ctx.pathParam("username")))));
    routes.post(CASES + "/{id}/custodians", access.guard((ctx, caller) -> answer(ctx, legal.cases().addCustodian(
        caller.actor(), caseId(ctx), Json.body(ctx, LegalRequests.Custodian.class).address()))));
    routes.delete(CASES + "/{id}/custodians/{address}", access.guard((ctx, caller) -> answer(ctx,
        legal.cases().removeCustodian(caller.actor(), caseId(ctx), ctx.pathParam("address")))));
    routes.post(CASES + "/{id}/searches", access.guard((ctx, caller) -> {
      LegalRequests.NewSavedSearch body = Json.body(ctx, LegalRequests.NewSavedSearch.class);
      answer(ctx, legal.cases().saveSearch(caller.actor(), caseId(ctx), body.name(), body.query()));
    }));
    routes.delete(CASES + "/{id}/searches/{searchId}", access.guard((ctx, caller) -> answer(ctx,
        legal.cases().removeSearch(caller.actor(), caseId(ctx), Params.id("a saved search id",
            ctx.pathParam("searchId"))))));
    routes.post(CASES + "/{id}/notes", access.guard((ctx, caller) -> answer(ctx, legal.cases().addNote(
        caller.actor(), caseId(ctx), Json.body(ctx, LegalRequests.NewNote.class).text()))));
    routes.get(CASES + "/{id}/holds", access.guard((ctx, caller) -> Json.respond(ctx, 200,
        legal.holds().list(caller.actor(), caseId(ctx)).stream().map(LegalViews::hold).toList())));
    routes.post(CASES + "/{id}/holds", access.guard((ctx, caller) -> {
      Hold hold = placeHold(caller, caseId(ctx), Json.body(ctx, LegalRequests.NewHold.class));
      ctx.header("Location", HOLDS + "/" + hold.id());
      Json.respond(ctx, 201, LegalViews.hold(hold));
    }));
    routes.post(HOLDS + "/{holdId}/release", access.guard((ctx, caller) -> Json.respond(ctx, 200,
        LegalViews.hold(legal.holds().release(caller.actor(), Params.id("a hold id", ctx.pathParam("holdId")),
            Json.body(ctx, LegalRequests.Release.class).reason())))));
  }

  private void update(Context ctx, ArchiveCaller caller) throws Exception {
    long id = caseId(ctx);
    LegalRequests.CaseChange body = Json.body(ctx, LegalRequests.CaseChange.class);
    LegalCase current = legal.cases().get(caller.actor(), id);
    answer(ctx, legal.cases().update(caller.actor(), id, body.name() == null ? current.name() : body.name(),
        body.description() == null ? current.description() : body.description(),
        body.status() == null ? current.status() : status(body.status())));
  }

  /** Places the hold the request describes (shared with the UI's form). */
  public static Hold placeHold(LegalParts legal, ArchiveCaller caller, long caseId, String kind, String address,
      String from, String to, String query) {
    return switch (kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT)) {
      case "custodian" -> legal.holds().placeCustodianHold(caller.actor(), caseId, Params.text("address", address),
          Optional.ofNullable(Params.day("from", from)), Optional.ofNullable(Params.day("to", to)));
      case "query" -> legal.holds().placeQueryHold(caller.actor(), caseId, Params.text("query", query));
      default -> throw ApiError.badRequest("kind must be custodian or query, got " + kind);
    };
  }

  private Hold placeHold(ArchiveCaller caller, long caseId, LegalRequests.NewHold body) {
    return placeHold(legal, caller, caseId, body.kind(), body.address(), body.from(), body.to(), body.query());
  }

  /** {@code open} or {@code closed}. */
  public static CaseStatus status(String text) {
    return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
      case "open" -> CaseStatus.OPEN;
      case "closed" -> CaseStatus.CLOSED;
      default -> throw ApiError.badRequest("status must be open or closed, got " + text);
    };
  }

  private static long caseId(Context ctx) {
    return Params.id("a case id", ctx.pathParam("id"));
  }

  private static void answer(Context ctx, LegalCase legalCase) throws Exception {
    Json.respond(ctx, 200, LegalViews.legalCase(legalCase));
  }
}
