package eu.sovereignmail.gateway.provisioning;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.AdminAuth;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.identity.provisioning.DriftReport;
import eu.sovereignmail.identity.provisioning.Provisioner;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users part of the admin API, for {@code sovereign-mail users list|sync}: {@code GET /api/users} (Keycloak users
 * in the managed domains and whether James has their mailbox) and {@code POST /api/users/sync?dry-run=true} (the drift
 * report; without {@code dry-run} the differences are corrected). Answers 503 when provisioning is not configured.
 */
public final class ProvisioningAdminApi implements HttpModule {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningAdminApi.class);

  private final Optional<Provisioner> provisioner;
  private final AdminAuth auth;

  public ProvisioningAdminApi(Optional<Provisioner> provisioner, AdminAuth auth) {
    this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  /** One user as {@code GET /api/users} shows it. */
  record UserView(String username, String email, boolean enabled, Set<String> aliases, Long quotaBytes, boolean mailbox) {}

  record Users(List<UserView> users) {}

  /** The drift report as JSON. */
  record Report(String at, boolean applied, boolean inSync, List<DriftReport.Difference> differences,
      List<String> failures) {}

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get("/api/users", auth.guard((ctx, actor) -> Json.respond(ctx, 200, new Users(provisioner().list().stream()
        .map(p -> new UserView(p.user().username(), p.user().email(), p.user().enabled(), p.user().aliases(),
            p.user().quotaBytes().isPresent() ? p.user().quotaBytes().getAsLong() : null, p.mailbox()))
        .toList()))));
    routes.post("/api/users/sync", auth.guard((ctx, actor) -> {
      String dryRun = ctx.queryParam("dry-run");
      boolean dry = dryRun != null && !dryRun.equalsIgnoreCase("false");
      DriftReport report = provisioner().reconcile(dry);
      LOG.info("event=admin.users_sync actor={} dry_run={} differences={} failures={}", actor, dry,
          report.differences().size(), report.failures().size());
      Json.respond(ctx, 200, new Report(report.at().toString(), report.applied(), report.inSync(), report.differences(),
          report.failures()));
    }));
  }

  private Provisioner provisioner() {
    return provisioner.orElseThrow(() -> new ApiError(503,
        "provisioning is not configured (a provisioning section and a Keycloak identity are needed)"));
  }
}
