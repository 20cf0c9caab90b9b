package eu.sovereignmail.gateway.http;

import eu.sovereignmail.gateway.testing.InMemoryRouteStore;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.admin.AdminAuth;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.admin.OpenApiDocument;
import eu.sovereignmail.gateway.http.admin.QueueAdminApi;
import eu.sovereignmail.gateway.http.admin.QueueAudit;
import eu.sovereignmail.gateway.http.admin.RouteAdminApi;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.identity.auth.Principal;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway HTTP server on a free loopback port with the admin API over a real spool, an in-memory route store
 * and a recording (or given) audit; bearer tokens: the local one, and two Keycloak stand-ins (an admin, a staff user).
 */
public final class AdminApiFixture implements AutoCloseable {
  public static final String LOCAL_TOKEN = "local-admin-token-for-tests";
  public static final String KEYCLOAK_ADMIN_TOKEN = "keycloak-token-of-mara";
  public static final String KEYCLOAK_STAFF_TOKEN = "keycloak-token-of-alice";
  private static final Map<String, Principal> KEYCLOAK = Map.of(
      KEYCLOAK_ADMIN_TOKEN, new Principal("mara", "mara@example.eu", Set.of("legal-admin", "mail-admin")),
      KEYCLOAK_STAFF_TOKEN, new Principal("alice", "alice@example.eu", Set.of("staff")));

  public final Spool spool;
  public final QueueAudit audit;
  public final InMemoryRouteStore routes = new InMemoryRouteStore();
  private final Health health = new Health(Duration.ofSeconds(1));
  private final GatewayHttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  private AdminApiFixture(Path dir, QueueAudit audit) throws Exception {
    this.spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    this.audit = audit;
    BearerVerifier keycloak = token -> Optional.ofNullable(KEYCLOAK.get(token));
    AdminAuth auth = new AdminAuth(new AdminToken(LOCAL_TOKEN), keycloak);
    Clock clock = Clock.systemUTC();
    this.server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, health.register("gateway", () -> {}),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        List.of(new QueueAdminApi(spool, audit, auth, clock), new RouteAdminApi(routes, Route.SOVEREIGN, auth, clock),
            new OpenApiDocument()));
  }

  public static AdminApiFixture start(Path dir) throws Exception {
    return new AdminApiFixture(dir, new RecordingQueueAudit());
  }

  public static AdminApiFixture start(Path dir, QueueAudit audit) throws Exception {
    return new AdminApiFixture(dir, audit);
  }

  public RecordingQueueAudit recordingAudit() {
    return (RecordingQueueAudit) audit;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Spools a small message from {@code from} ("" = null sender) to {@code recipients}, received a minute ago. */
  public EntryId spoolMessage(String from, String... recipients) throws Exception {
    EntryId id = EntryId.next();
    Envelope envelope = new Envelope(id, Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS),
        Direction.INBOUND, from.isEmpty() ? null : from, Arrays.stream(recipients).map(Recipient::of).toList(), null,
        null, BodyType.SEVEN_BIT, false, "192.0.2.7", "mx.example.net", null);
    byte[] message = ("Subject: test " + id + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
    spool.accept(envelope, new ByteArrayInputStream(message)).get(10, TimeUnit.SECONDS);
    return id;
  }

  public HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, LOCAL_TOKEN, null);
  }

  @Override
  public void close() throws Exception {
    server.close();
    health.close();
    spool.close();
    client.close();
  }
}
