package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.audit.AuditFormat;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.internal.LegalViews;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /api/archive/audit}, for {@code legal-admin} only: the archive's hash-chained audit log listed with filters
 * and paging (newest first), exported as CSV or JSON (streamed, oldest first), and its chain verified.
 */
public final class AuditApi implements HttpModule {
  public static final String PATH = ArchiveApi.PATH + "/audit";
  /** Entries per page unless asked otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 50;
  private static final Set<String> ADMIN = Set.of(ArchiveRoles.LEGAL_ADMIN);

  private final LegalParts legal;
  private final ArchiveAccess access;

  public AuditApi(LegalParts legal, ArchiveAccess access) {
    this.legal = Objects.requireNonNull(legal, "legal");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(PATH, access.guard(ADMIN, (ctx, caller) ->
        Json.respond(ctx, 200, LegalViews.auditPage(legal.audit().list(caller.actor(), query(ctx))))));
    routes.get(PATH + "/verify", access.guard(ADMIN, (ctx, caller) ->
        Json.respond(ctx, 200, LegalViews.verify(legal.audit().verify()))));
    routes.get(PATH + "/export", access.guard(ADMIN, (ctx, caller) -> export(legal, caller, ctx)));
  }

  /**
   * The filters of a request: {@code actor}, {@code action} (exact, or a prefix ending in "."), {@code target},
   * {@code from}/{@code until} (ISO-8601 time or a day), {@code page}, {@code size}. Shared with the UI.
   */
  public static AuditQuery query(Context ctx) {
    try {
      return new AuditQuery(Params.optional(ctx.queryParam("actor")), Params.optional(ctx.queryParam("action")),
          Params.optional(ctx.queryParam("target")), Params.instant("from", ctx.queryParam("from")),
          Params.instant("until", ctx.queryParam("until")),
          Params.number("page", ctx.queryParam("page"), 1, 1, 1_000_000),
          Params.number("size", ctx.queryParam("size"), DEFAULT_PAGE_SIZE, 1, AuditQuery.MAX_PAGE_SIZE));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  /** Streams the matching entries as {@code format} = csv (default) or json, as a download. Shared with the UI. */
  public static void export(LegalParts legal, ArchiveCaller caller, Context ctx) throws Exception {
    AuditFormat format = switch (Objects.requireNonNullElse(ctx.queryParam("format"), "csv").toLowerCase(Locale.ROOT)) {
      case "csv" -> AuditFormat.CSV;
      case "json" -> AuditFormat.JSON;
      default -> throw ApiError.badRequest("format must be csv or json, got " + ctx.queryParam("format"));
    };
    AuditQuery filter = query(ctx);
    boolean csv = format == AuditFormat.CSV;
    ctx.status(200).contentType(csv ? "text/csv; charset=utf-8" : "application/json")
        .header("Content-Disposition", Download.attachment(csv ? "audit-log.csv" : "audit-log.json"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store");
    try (OutputStream out = ctx.res().getOutputStream()) {
      legal.audit().export(caller.actor(), filter, format, out);
    }
  }
}
