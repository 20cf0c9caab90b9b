package eu.sovereignmail.gateway.http.apppassword;

import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AccountLookup;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.InMemoryAppPasswordRepository;
import eu.sovereignmail.identity.auth.Principal;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real gateway HTTP server with {@code /api/app-passwords} over an in-memory store; bearer tokens: the local admin
 * token and Keycloak stand-ins for alice and bob (staff) and mara (mail-admin); the realm also knows dora (MFA).
 */
public final class AppPasswordApiFixture implements AutoCloseable {
  public static final String LOCAL = "local-admin-token-for-tests";
  public static final String ALICE = "token-of-alice";
  public static final String BOB = "token-of-bob";
  public static final String MARA = "token-of-mara";
  private static final Map<String, Principal> TOKENS = Map.of(
      ALICE, new Principal("alice", "alice@example.eu", Set.of("staff")),
      BOB, new Principal("bob", "bob@example.eu", Set.of("staff")),
      MARA, new Principal("mara", "mara@example.eu", Set.of("legal-admin", "mail-admin")));
  private static final Map<String, Account> REALM = Map.of(
      "dora", new Account("dora", "dora@example.eu"), "dora@example.eu", new Account("dora", "dora@example.eu"),
      "bob", new Account("bob", "bob@example.eu"));

  public final InMemoryAppPasswordRepository repository = new InMemoryAppPasswordRepository();
  public final AppPasswords store;
  private final Health health = new Health(Duration.ofSeconds(1));
  private final GatewayHttpServer server;

  public AppPasswordApiFixture(int maxPerUser) {
    store = AppPasswords.open(repository, AppPasswordSettings.defaults().withMaxPerUser(maxPerUser));
    BearerVerifier keycloak = token -> Optional.ofNullable(TOKENS.get(token));
    AccountLookup realm = login -> Optional.ofNullable(REALM.get(login));
    AppPasswordApi api = new AppPasswordApi(store, new AppPasswordAccess(new AdminToken(LOCAL), keycloak, realm, store));
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, health,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(api));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    server.close();
    health.close();
    store.close();
  }
}
