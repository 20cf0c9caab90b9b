package eu.sovereignmail.gateway.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.cli.UsersImportCommand;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import eu.sovereignmail.gateway.http.provisioning.ProvisioningEventsApi;
import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import eu.sovereignmail.identity.provisioning.ChangeNotice;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Kind;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Operation;
import eu.sovereignmail.stack.process.Ports;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The push path for real: the keycloak-extension jar installed by the stack into a real Keycloak (dev mode), pushing to
 * the real endpoint; and the CSV import against the same Keycloak through the gateway client's service account.
 */
class KeycloakPushIT {
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakPushIT.class);
  private static final Duration PUSH_WITHIN = Duration.ofSeconds(1);
  private static final String REALM = KeycloakFixture.REALM;

  /** A received notice and when it arrived. */
  record Arrival(ChangeNotice notice, long nanos) {}

  private static final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private static final List<Long> latenciesMs = new CopyOnWriteArrayList<>();
  private static Path dir;
  private static GatewayHttpServer http;
  private static KeycloakFixture keycloak;
  private static Keycloak admin;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createDirectories(Path.of("target", "it-push-" + System.nanoTime()).toAbsolutePath());
    Path secretFile = dir.resolve("provisioning-events.secret");
    AdminToken secret = AdminTokenFile.loadOrCreate(secretFile);
    int port = Ports.freeLoopbackPort();
    http = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), port, new Health(Duration.ofSeconds(1)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        List.of(new ProvisioningEventsApi(secret, REALM, notice -> arrivals.add(new Arrival(notice, System.nanoTime())))));
    Path jar = KeycloakExtensionJar.locate(Path.of("..").toAbsolutePath().normalize(), KeycloakPushIT.class.getClassLoader())
        .orElseThrow(() -> new AssertionError("build keycloak-extension first (-pl keycloak-extension,...,mail-gateway)"));
    keycloak = KeycloakFixture.start(settings -> settings.withProviders(List.of(jar), Map.of(
        "spi-events-listener--sovereign-mail--url", "http://127.0.0.1:" + port + ProvisioningEventsApi.PATH,
        "spi-events-listener--sovereign-mail--secret-file", secretFile.toString())));
    admin = KeycloakBuilder.builder().serverUrl(keycloak.settings().baseUrl().toString()).realm("master")
        .clientId("admin-cli").username(keycloak.settings().adminUser()).password(keycloak.settings().adminPassword()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (!latenciesMs.isEmpty()) {
      List<Long> sorted = new ArrayList<>(latenciesMs);
      sorted.sort(null);
      LOG.info("event=it.push.latency samples={} min_ms={} median_ms={} max_ms={}", sorted.size(), sorted.get(0),
          sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }
    if (admin != null) {
      admin.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private static RealmResource realm() {
    return admin.realm(REALM);
  }

  /** The notices that arrived after the first {@code before}, from a snapshot (a sub-list view breaks when one arrives). */
  private static List<Arrival> arrivedSince(int before) {
    List<Arrival> snapshot = List.copyOf(arrivals);
    return snapshot.subList(before, snapshot.size());
  }

  /** Runs {@code change}, then waits for a notice matching {@code expected} (given the change's result) within a second. */
  private static <T> T expectPush(ThrowingSupplier<T> change, java.util.function.Function<T, ChangeNotice> expected) throws Exception {
    int before = arrivals.size();
    long started = System.nanoTime();
    T result = change.get();
    long returned = System.nanoTime();
    ChangeNotice wanted = expected.apply(result);
    await().atMost(PUSH_WITHIN).pollInterval(Duration.ofMillis(5)).until(() ->
        arrivedSince(before).stream().anyMatch(a -> a.notice().equals(wanted)));
    Arrival arrival = arrivedSince(before).stream().filter(a -> a.notice().equals(wanted)).findFirst().orElseThrow();
    long fromRequest = (arrival.nanos() - started) / 1_000_000;
    latenciesMs.add(fromRequest);
    LOG.info("event=it.push.arrived kind={} operation={} ms_from_request={} ms_after_response={}",
        wanted.kind(), wanted.operation(), fromRequest, (arrival.nanos() - returned) / 1_000_000);
    return result;
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  @Test
  void createUpdateDisableMembershipAndDeleteArePushedWithinASecond() throws Exception {
    String id = expectPush(
        () -> keycloak.admin().ensureUser(REALM, "push-ada", "push-ada@example.eu", "Ada", "Push", KeycloakFixture.secret(),
            Set.of("staff")),
        userId -> new ChangeNotice(Kind.USER, userId, Operation.CREATE));

    UserRepresentation withAlias = realm().users().get(id).toRepresentation();
    withAlias.setAttributes(Map.of("mailAliases", List.of("ada@example.eu")));
    expectPush(() -> {
      realm().users().get(id).update(withAlias);
      return id;
    }, userId -> new ChangeNotice(Kind.USER, userId, Operation.UPDATE));

    expectPush(() -> keycloak.admin().disableUser(REALM, "push-ada"), disabled -> new ChangeNotice(Kind.USER, id, Operation.UPDATE));

    GroupRepresentation team = new GroupRepresentation();
    team.setName("push-team");
    team.setAttributes(Map.of("mailList", List.of("team@example.eu")));
    String groupId = expectPush(() -> {
      try (var response = realm().groups().add(team)) {
        return org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(response);
      }
    }, created -> new ChangeNotice(Kind.GROUP, created, Operation.CREATE));

    expectPush(() -> {
      realm().users().get(id).joinGroup(groupId);
      return groupId;
    }, joined -> new ChangeNotice(Kind.GROUP, joined, Operation.UPDATE));
    assertThat(arrivals).extracting(Arrival::notice).contains(new ChangeNotice(Kind.USER, id, Operation.UPDATE));

    expectPush(() -> {
      realm().users().get(id).leaveGroup(groupId);
      return groupId;
    }, left -> new ChangeNotice(Kind.GROUP, left, Operation.UPDATE));

    expectPush(() -> keycloak.admin().deleteUser(REALM, "push-ada"), deleted -> new ChangeNotice(Kind.USER, id, Operation.DELETE));
  }

  @Test
  void csvImportOf200PeopleCreatesTheGoodRowsReportsTheBadOnesAndARerunCreatesNothingTwice() throws Exception {
    keycloak.admin().setClientSecret(REALM, KeycloakFixture.GATEWAY, "it-gateway-client-secret-1");
    Path secret = Files.writeString(dir.resolve("client.secret"), "it-gateway-client-secret-1\n");
    StringBuilder csv = new StringBuilder("email,first name,last name,aliases,quota,groups\n");
    List<Integer> badLines = List.of(12, 57, 101, 150, 199);
    for (int i = 1; i <= 200; i++) {
      int line = i + 1;
      if (line == 12) {
        csv.append("not-an-address,Bad,Email,,,\n");
      } else if (line == 57) {
        csv.append("csv").append(i).append("@example.eu,,NoFirstName,,,\n");
      } else if (line == 101) {
        csv.append("csv").append(i).append("@example.eu,Too,Few\n");
      } else if (line == 150) {
        csv.append("csv").append(i).append("@example.eu,Bad,Quota,,plenty,\n");
      } else if (line == 199) {
        csv.append("csv").append(i).append("@example.eu,No,Group,,,/no-such-group\n");
      } else {
        csv.append("csv").append(i).append("@example.eu,\"Person, ").append(i).append("\",Csv,alias")
            .append(i).append("@example.eu,1G,\n");
      }
    }
    Path people = Files.writeString(dir.resolve("people.csv"), csv);
    Path passwords = dir.resolve("passwords.csv");
    String[] args = {people.toString(), "--keycloak-url=" + keycloak.settings().baseUrl(),
        "--client-secret-file=" + secret, "--passwords-file=" + passwords};

    Result dry = run(concat(args, "--dry-run"));
    assertThat(dry.exit()).isEqualTo(3);
    assertThat(dry.out()).contains("dry run: 195 would create, 0 already present, 5 not imported");
    assertThat(realm().users().searchByEmail("csv2@example.eu", true)).isEmpty();

    int pushedBefore = arrivals.size();
    long started = System.nanoTime();
    Result first = run(args);
    LOG.info("event=it.import.done people=195 ms={}", (System.nanoTime() - started) / 1_000_000);
    assertThat(first.exit()).as(first.err()).isEqualTo(3);
    assertThat(first.out()).contains("195 created, 0 already present, 5 not imported");
    for (int line : badLines) {
      assertThat(first.out()).contains("line " + line + "  error  ");
    }
    assertThat(first.out()).contains("line 199  error  group /no-such-group does not exist");
    assertThat(Files.readAllLines(passwords)).hasSize(196);
    UserRepresentation two = realm().users().searchByEmail("csv2@example.eu", true).get(0);
    assertThat(two.getFirstName()).isEqualTo("Person, 2");
    assertThat(two.getRequiredActions()).containsExactly("UPDATE_PASSWORD");
    assertThat(realm().users().get(two.getId()).toRepresentation().getAttributes())
        .containsEntry("mailAliases", List.of("alias2@example.eu")).containsEntry("mailQuota", List.of(Long.toString(1L << 30)));
    // Keycloak's listener pushed every creation
    await().atMost(Duration.ofSeconds(10)).until(() -> arrivedSince(pushedBefore).stream()
        .filter(a -> a.notice().kind() == Kind.USER && a.notice().operation() == Operation.CREATE).count() >= 195);

    Result second = run(args);
    assertThat(second.exit()).isEqualTo(3);
    assertThat(second.out()).contains("0 created, 195 already present, 5 not imported");
    assertThat(realm().users().search("csv", 0, 1000)).hasSize(195);
    LOG.info("event=it.realm.users count={} service_account_listed={}", realm().users().count(),
        !realm().users().searchByUsername("service-account-sovereign-gateway", true).isEmpty());
  }

  record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new UsersImportCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static String[] concat(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
