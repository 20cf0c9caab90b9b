package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.internal.ArchiveViews;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * {@code /api/archive}: search, one message, its original bytes and its parts, for users with a legal role (see
 * {@link ArchiveAccess}). Every call goes through the archive's audited search API. Later parts (cases, holds,
 * exports, approvals, audit) mount their own modules under the same prefix with the same {@link ArchiveAccess}.
 */
public final class ArchiveApi implements HttpModule {
  public static final String PATH = "/api/archive";

  private final ArchiveReader reader;
  private final ArchiveAccess access;

  public ArchiveApi(ArchiveReader reader, ArchiveAccess access) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(PATH + "/search", access.guard(this::search));
    routes.get(PATH + "/messages/{id}", access.guard(this::message));
    routes.get(PATH + "/messages/{id}/raw", access.guard((ctx, caller) ->
        send(ctx, reader.raw(caller, ctx.pathParam("id")))));
    routes.get(PATH + "/messages/{id}/attachments/{n}", access.guard((ctx, caller) ->
        send(ctx, reader.part(caller, ctx.pathParam("id"), ctx.pathParam("n")))));
  }

  private void search(Context ctx, ArchiveCaller caller) throws Exception {
    Json.respond(ctx, 200, ArchiveViews.results(reader.search(caller, ctx.queryParam("q"), ctx.queryParam("sort"),
        ctx.queryParam("page"), ctx.queryParam("size"))));
  }

  private void message(Context ctx, ArchiveCaller caller) throws Exception {
    MessageView view = reader.message(caller, ctx.pathParam("id"));
    Json.respond(ctx, 200, ArchiveViews.message(view.detail(), PATH + "/messages/" + view.detail().summary().id()));
  }

  /** A file for download only: never rendered, never sniffed, never cached. */
  public static void send(Context ctx, Download download) {
    ctx.status(200)
        .contentType(download.contentType())
        .header("Content-Disposition", download.disposition())
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .result(download.content());
  }
}
