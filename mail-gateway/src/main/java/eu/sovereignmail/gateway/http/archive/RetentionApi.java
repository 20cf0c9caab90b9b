package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.retention.PurgeOutcome;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.internal.LegalRequests;
import eu.sovereignmail.gateway.http.archive.internal.LegalViews;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /api/archive/retention} and {@code /api/archive/purges}, for {@code legal-admin} only: retention policies,
 * what is due, and purge proposals that run only when a second legal-admin approves them (the proposer's own
 * approval is a 409, four eyes). Nothing here deletes without that approval.
 */
public final class RetentionApi implements HttpModule {
  public static final String POLICIES = ArchiveApi.PATH + "/retention/policies";
  public static final String DUE = ArchiveApi.PATH + "/retention/due";
  public static final String PURGES = ArchiveApi.PATH + "/purges";
  private static final Set<String> ADMIN = Set.of(ArchiveRoles.LEGAL_ADMIN);

  private final LegalParts legal;
  private final ArchiveAccess access;

  public RetentionApi(LegalParts legal, ArchiveAccess access) {
    this.legal = Objects.requireNonNull(legal, "legal");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(POLICIES, access.guard(ADMIN, (ctx, caller) -> Json.respond(ctx, 200,
        legal.retention().policies(caller.actor()).stream().map(LegalViews::policy).toList())));
    routes.post(POLICIES, access.guard(ADMIN, (ctx, caller) -> {
      LegalRequests.NewPolicy body = Json.body(ctx, LegalRequests.NewPolicy.class);
      RetentionPolicy policy = setPolicy(legal, caller, body.scope(), body.target(), body.keep());
      Json.respond(ctx, 200, LegalViews.policy(policy));
    }));
    routes.delete(POLICIES + "/{id}", access.guard(ADMIN, (ctx, caller) -> {
      legal.retention().removePolicy(caller.actor(), Params.id("a policy id", ctx.pathParam("id")));
      ctx.status(204);
    }));
    routes.get(DUE, access.guard(ADMIN, (ctx, caller) -> Json.respond(ctx, 200,
        legal.retention().due(caller.actor()).stream().map(LegalViews::due).toList())));
    routes.get(PURGES, access.guard(ADMIN, (ctx, caller) -> Json.respond(ctx, 200,
        legal.retention().proposals(caller.actor()).stream().map(LegalViews::proposal).toList())));
    routes.post(PURGES, access.guard(ADMIN, this::propose));
    routes.get(PURGES + "/{id}", access.guard(ADMIN, (ctx, caller) -> Json.respond(ctx, 200, LegalViews.proposal(
        legal.retention().proposal(caller.actor(), proposalId(ctx))
            .orElseThrow(() -> ApiError.notFound("no purge proposal " + ctx.pathParam("id")))))));
    routes.post(PURGES + "/{id}/approve", access.guard(ADMIN, (ctx, caller) -> {
      long id = proposalId(ctx);
      PurgeOutcome outcome = legal.retention().approve(caller.actor(), id);
      Json.respond(ctx, 200, new LegalViews.ApprovalView(LegalViews.proposal(legal.retention()
          .proposal(caller.actor(), id).orElseThrow()), LegalViews.outcome(outcome)));
    }));
    routes.post(PURGES + "/{id}/reject", access.guard(ADMIN, (ctx, caller) -> {
      String note = ctx.body().isBlank() ? null : Json.body(ctx, LegalRequests.Decision.class).note();
      Json.respond(ctx, 200, LegalViews.proposal(legal.retention().reject(caller.actor(), proposalId(ctx), note)));
    }));
  }

  private void propose(Context ctx, ArchiveCaller caller) throws Exception {
    LegalRequests.NewProposal body = Json.body(ctx, LegalRequests.NewProposal.class);
    boolean byIds = body.ids() != null && !body.ids().isEmpty();
    if (byIds == (body.policyId() != null)) {
      throw ApiError.badRequest("a purge proposal names either a policyId or ids with a reason");
    }
    PurgeProposal proposal = byIds ? legal.retention().proposePurge(caller.actor(), body.ids(), body.reason())
        : legal.retention().proposePurge(caller.actor(), body.policyId());
    ctx.header("Location", PURGES + "/" + proposal.id());
    Json.respond(ctx, 201, LegalViews.proposal(proposal));
  }

  /** Sets a policy from its text fields (shared with the UI's form). */
  public static RetentionPolicy setPolicy(LegalParts legal, ArchiveCaller caller, String scope, String target,
      String keep) {
    RetentionPolicy.Scope parsed = switch (scope == null ? "" : scope.strip().toLowerCase(Locale.ROOT)) {
      case "domain" -> RetentionPolicy.Scope.DOMAIN;
      case "mailbox" -> RetentionPolicy.Scope.MAILBOX;
      default -> throw ApiError.badRequest("scope must be domain or mailbox, got " + scope);
    };
    return legal.retention().setPolicy(caller.actor(), parsed, Params.text("target", target), period(keep));
  }

  /** An ISO-8601 period ({@code P10Y}, {@code P6M}) or a number of years ({@code 10}). */
  static Period period(String text) {
    String keep = Params.text("keep", text).toUpperCase(Locale.ROOT);
    try {
      return keep.matches("\\d{1,3}") ? Period.ofYears(Integer.parseInt(keep)) : Period.parse(keep);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("keep must be a period like P10Y or P6M, got " + text);
    }
  }

  private static long proposalId(Context ctx) {
    return Params.id("a proposal id", ctx.pathParam("id"));
  }
}
