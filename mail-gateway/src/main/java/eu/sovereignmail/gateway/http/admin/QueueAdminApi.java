package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.admin.internal.Limit;
import eu.sovereignmail.gateway.http.admin.internal.QueueViews;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of the spool under {@code /api/queue}: list and show entries, retry now, hold and release, and
 * delete with a reason, audited before the entry goes. Every change is durable (fsynced) before the answer.
 */
public final class QueueAdminApi implements HttpModule {
  /** The longest delete reason kept in the audit. */
  public static final int MAX_REASON = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(QueueAdminApi.class);
  private static final Duration SPOOL_WAIT = Duration.ofSeconds(30);

  private final Spool spool;
  private final QueueAudit audit;
  private final AdminAuth auth;
  private final Clock clock;

  public QueueAdminApi(Spool spool, QueueAudit audit, AdminAuth auth, Clock clock) {
    this.spool = Objects.requireNonNull(spool, "spool");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get("/api/queue", auth.guard((ctx, actor) -> Json.respond(ctx, 200,
        new QueueViews.EntryList(spool.list().stream().map(e -> QueueViews.entry(e, clock.instant())).toList()))));
    routes.get("/api/queue/audit", auth.guard(this::auditLog));
    routes.get("/api/queue/{id}", auth.guard((ctx, actor) -> respond(ctx, existing(ctx))));
    routes.post("/api/queue/{id}/retry", auth.guard(this::retry));
    routes.post("/api/queue/{id}/hold", auth.guard((ctx, actor) -> hold(ctx, actor, true)));
    routes.post("/api/queue/{id}/release", auth.guard((ctx, actor) -> hold(ctx, actor, false)));
    routes.delete("/api/queue/{id}", auth.guard(this::delete));
  }

  private void retry(Context ctx, String actor) throws Exception {
    SpoolEntry entry = existing(ctx);
    if (entry.held()) {
      throw ApiError.conflict("entry " + entry.id() + " is held: release it to deliver it");
    }
    if (entry.nextAttempt().isEmpty()) {
      throw ApiError.conflict("entry " + entry.id() + " has no recipient left to deliver");
    }
    await(spool.retryNow(entry.id()), entry.id());
    LOG.info("event=admin.queue_retry id={} actor={}", entry.id(), actor);
    respondCurrent(ctx, entry.id());
  }

  private void hold(Context ctx, String actor, boolean held) throws Exception {
    SpoolEntry entry = existing(ctx);
    if (entry.held() == held) {
      throw ApiError.conflict("entry " + entry.id() + (held ? " is already held" : " is not held"));
    }
    await(spool.hold(entry.id(), held), entry.id());
    LOG.info("event=admin.queue_{} id={} actor={}", held ? "hold" : "release", entry.id(), actor);
    respondCurrent(ctx, entry.id());
  }

  private void delete(Context ctx, String actor) throws Exception {
    String reason = ctx.queryParam("reason");
    if (reason == null || reason.isBlank()) {
      throw ApiError.badRequest("a reason is required to delete a queue entry (?reason=...)");
    }
    if (reason.length() > MAX_REASON) {
      throw ApiError.badRequest("the reason is longer than " + MAX_REASON + " characters");
    }
    SpoolEntry entry = existing(ctx);
    try {
      audit.record(QueueAuditEntry.deletion(clock.instant(), actor, entry, reason.strip()));
    } catch (QueueAuditException e) {
      LOG.error("event=admin.queue_delete_not_audited id={} actor={}", entry.id(), actor, e);
      throw new ApiError(500, "the deletion could not be audited, so the entry was kept: " + e.getMessage());
    }
    // The entry may have finished between the read and here; its audit record then stands for an attempt.
    SpoolEntry last = spool.delete(entry.id())
        .orElseThrow(() -> ApiError.notFound("entry " + entry.id() + " left the queue before it could be deleted"));
    LOG.info("event=admin.queue_delete id={} actor={} recipients={} size={}",
        last.id(), actor, last.recipients().size(), last.messageSize());
    respond(ctx, last);
  }

  private void auditLog(Context ctx, String actor) throws Exception {
    int limit = Limit.parse(ctx.queryParam("limit"));
    Json.respond(ctx, 200, new QueueViews.AuditList(audit.recent(limit).stream().map(QueueViews::audit).toList()));
  }

  private SpoolEntry existing(Context ctx) {
    String text = ctx.pathParam("id");
    EntryId id;
    try {
      id = EntryId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("not a queue entry id: " + text);
    }
    return spool.get(id).orElseThrow(() -> ApiError.notFound("no queue entry " + id));
  }

  private void respondCurrent(Context ctx, EntryId id) throws Exception {
    // A change can finish an entry (e.g. released, then delivered at once); then there is nothing left to show.
    respond(ctx, spool.get(id).orElseThrow(() -> ApiError.notFound("entry " + id + " has left the queue")));
  }

  private void respond(Context ctx, SpoolEntry entry) throws Exception {
    Json.respond(ctx, 200, QueueViews.entry(entry, clock.instant()));
  }

  private static void await(CompletableFuture<Void> change, EntryId id) throws Exception {
    try {
      change.get(SPOOL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NoSuchElementException) {
        throw ApiError.notFound("entry " + id + " has left the queue");
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new ApiError(500, "the spool did not confirm the change of " + id + " within " + SPOOL_WAIT.toSeconds() + " s");
    }
  }
}
