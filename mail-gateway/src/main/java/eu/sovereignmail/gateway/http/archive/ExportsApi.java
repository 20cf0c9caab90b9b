package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.export.ExportFormat;
import eu.sovereignmail.archive.export.ExportPart;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.archive.internal.LegalRequests;
import eu.sovereignmail.gateway.http.archive.internal.LegalViews;
import eu.sovereignmail.gateway.http.archive.internal.Params;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /api/archive/exports}: a case's exports (ZIP of EML files or mbox, with a signed manifest) started, watched
 * and downloaded (with {@code Range}, so a large download resumes), and the public key that verifies the manifest's
 * signature. The archive checks case membership and records starts and downloads.
 */
public final class ExportsApi implements HttpModule {
  public static final String EXPORTS = ArchiveApi.PATH + "/exports";
  /** The download names of an export's parts, as in the ZIP. */
  public static final Map<String, ExportPart> PARTS = Map.of("manifest.csv", ExportPart.MANIFEST_CSV,
      "manifest.json", ExportPart.MANIFEST_JSON, "manifest.json.sig", ExportPart.SIGNATURE,
      "signing-key.pem", ExportPart.PUBLIC_KEY);

  private final LegalParts legal;
  private final ArchiveAccess access;

  public ExportsApi(LegalParts legal, ArchiveAccess access) {
    this.legal = Objects.requireNonNull(legal, "legal");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(CasesApi.CASES + "/{id}/exports", access.guard((ctx, caller) -> Json.respond(ctx, 200,
        legal.exports().list(caller.actor(), Params.id("a case id", ctx.pathParam("id"))).stream()
            .map(ExportsApi::view).toList())));
    routes.post(CasesApi.CASES + "/{id}/exports", access.guard(this::start));
    routes.get(EXPORTS + "/public-key", access.guard((ctx, caller) -> ctx.status(200)
        .contentType("application/x-pem-file").header("Cache-Control", "no-store")
        .result(legal.exports().publicKeyPem().getBytes(StandardCharsets.US_ASCII))));
    routes.get(EXPORTS + "/{exportId}", access.guard((ctx, caller) ->
        Json.respond(ctx, 200, view(legal.exports().progress(caller.actor(), exportId(ctx))))));
    routes.get(EXPORTS + "/{exportId}/download", access.guard((ctx, caller) ->
        download(legal, caller, exportId(ctx)).send(ctx)));
    routes.get(EXPORTS + "/{exportId}/{part}", access.guard((ctx, caller) ->
        part(legal, caller, exportId(ctx), ctx.pathParam("part")).send(ctx)));
  }

  private void start(Context ctx, ArchiveCaller caller) throws Exception {
    long caseId = Params.id("a case id", ctx.pathParam("id"));
    LegalRequests.NewExport body = Json.body(ctx, LegalRequests.NewExport.class);
    ExportFormat format = format(body.format());
    boolean byIds = body.ids() != null && !body.ids().isEmpty();
    boolean byQueries = body.queries() != null && !body.queries().isEmpty();
    if (byIds == byQueries) {
      throw ApiError.badRequest("an export names either queries or ids");
    }
    long id = byIds ? legal.exports().startIds(caller.actor(), caseId, body.ids(), format)
        : legal.exports().start(caller.actor(), caseId, body.queries(), format);
    ctx.header("Location", EXPORTS + "/" + id);
    Json.respond(ctx, 202, view(legal.exports().progress(caller.actor(), id)));
  }

  /** The finished export's file, ready to send (audited by the archive as {@code export.download}). */
  public static FileDownload download(LegalParts legal, ArchiveCaller caller, long exportId) {
    ExportProgress progress = legal.exports().progress(caller.actor(), exportId);
    Path file = legal.exports().open(caller.actor(), exportId);
    boolean zip = progress.format() == ExportFormat.ZIP;
    return new FileDownload(file, "case-" + progress.caseId() + "-export-" + exportId + (zip ? ".zip" : ".mbox"),
        zip ? "application/zip" : "application/mbox", progress.sha256().orElse(null));
  }

  /** One part of a finished export by its download name ({@link #PARTS}), ready to send. */
  public static FileDownload part(LegalParts legal, ArchiveCaller caller, long exportId, String name) {
    ExportPart part = PARTS.get(name);
    if (part == null) {
      throw ApiError.notFound("an export has the parts " + PARTS.keySet().stream().sorted().toList() + ", not " + name);
    }
    Path file = legal.exports().open(caller.actor(), exportId, part);
    String type = switch (part) {
      case MANIFEST_CSV -> "text/csv";
      case MANIFEST_JSON -> "application/json";
      case PUBLIC_KEY -> "application/x-pem-file";
      default -> "application/octet-stream";
    };
    return new FileDownload(file, "export-" + exportId + "-" + name, type, null);
  }

  /** {@code zip} or {@code mbox}. */
  public static ExportFormat format(String text) {
    return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
      case "zip" -> ExportFormat.ZIP;
      case "mbox" -> ExportFormat.MBOX;
      default -> throw ApiError.badRequest("format must be zip or mbox, got " + text);
    };
  }

  private static LegalViews.ExportView view(ExportProgress progress) {
    return LegalViews.export(progress, EXPORTS + "/" + progress.id() + "/download");
  }

  private static long exportId(Context ctx) {
    return Params.id("an export id", ctx.pathParam("exportId"));
  }

  /** The parts' names, for documentation and the UI. */
  public static List<String> partNames() {
    return PARTS.keySet().stream().sorted().toList();
  }
}
