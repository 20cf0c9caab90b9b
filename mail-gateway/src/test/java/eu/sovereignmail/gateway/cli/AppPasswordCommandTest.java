package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.sovereignmail.gateway.http.apppassword.AppPasswordApiFixture;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code app-password} in-process against a real gateway HTTP server, signing in through a stand-in for Keycloak's
 * device authorization and token endpoints (or the password prompt), or acting for a user with the local admin token.
 */
class AppPasswordCommandTest {
  @TempDir Path dir;
  private AppPasswordApiFixture api;
  private FakeDeviceEndpoint keycloak;
  private Path tokenFile;
  private final List<Duration> waits = new ArrayList<>();
  private final Deque<String> typed = new ArrayDeque<>();

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    api = new AppPasswordApiFixture(10);
    keycloak = new FakeDeviceEndpoint();
    tokenFile = dir.resolve("admin.token");
    Files.writeString(tokenFile, AppPasswordApiFixture.LOCAL + "\n");
  }

  @AfterEach
  void stop() {
    api.close();
    keycloak.close();
  }

  @Test
  void aUserSignsInOnAnotherDeviceThenCreatesListsAndRevokesHerOwn() throws Exception {
    keycloak.polls.addAll(List.of("authorization_pending", "slow_down", "ok"));

    Run created = run(false, "create", "--label", "Phone");

    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("http://keycloak.test/device?user_code=WDJB-MJHT", "WDJB-MJHT",
        "App password for alice (Phone)", "Shown once");
    String secret = created.out().lines().map(String::strip).filter(l -> l.matches("([a-z2-9]{4}-){3}[a-z2-9]{4}"))
        .findFirst().orElseThrow();
    assertThat(api.store.verify("alice@example.eu", secret)).isPresent();
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(keycloak.forms).allSatisfy(form -> assertThat(form.get("client_id")).isEqualTo("sovereign-cli"));

    keycloak.polls.add("ok");
    Run list = run(false, "list");
    assertThat(list.exit()).isZero();
    String id = api.store.list("alice").getFirst().id();
    assertThat(list.out()).containsSubsequence("ID", "LABEL", "CREATED", "BY", "LAST USED")
        .contains(id, "Phone", "alice", "1 app password for alice.").doesNotContain(secret);

    keycloak.polls.add("ok");
    assertThat(run(false, "revoke", id).out()).contains("Revoked app password " + id);
    assertThat(api.store.list("alice")).isEmpty();
  }

  @Test
  void aDeniedOrExpiredSignInIsAnAuthorisationFailure() throws Exception {
    keycloak.polls.add("access_denied");
    Run denied = run(false, "list");
    assertThat(denied.exit()).isEqualTo(AdminCall.AUTH);
    assertThat(denied.err()).contains("denied");

    keycloak.polls.add("expired_token");
    assertThat(run(false, "list").err()).contains("expired");
  }

  @Test
  void withoutTheDeviceGrantItAsksForThePassword() throws Exception {
    keycloak.deviceAllowed = false;
    typed.addAll(List.of("alice", "her password"));

    Run list = run(false, "list");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("asking for your password", "No app passwords for alice.");
    assertThat(keycloak.forms.getLast()).containsEntry("grant_type", "password").containsEntry("username", "alice")
        .containsEntry("password", "her password");
  }

  @Test
  void aRefusedPasswordSaysWhyAMfaUserCannotUseIt() throws Exception {
    typed.addAll(List.of("dora", "wrong"));
    Run run = run(false, "list", "--password-prompt");
    assertThat(run.exit()).isEqualTo(AdminCall.AUTH);
    assertThat(run.err()).contains("second factor");
  }

  @Test
  void anAdminActsForAUserWithTheLocalTokenWithoutSigningIn() throws Exception {
    Run created = run(true, "create", "--label", "Dora's phone", "--user", "dora@example.eu");

    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("App password for dora (Dora's phone)");
    assertThat(api.store.list("dora").getFirst().createdBy()).isEqualTo("local-admin");
    assertThat(keycloak.forms).isEmpty();

    Run other = run(true, "revoke", "abcdefghjk", "--user", "dora");
    assertThat(other.exit()).isEqualTo(AdminCall.USAGE);
    assertThat(other.err()).contains("no active app password abcdefghjk");
  }

  @Test
  void jsonOutputIsTheApisAnswer() throws Exception {
    IssuedAppPassword made = api.store.create(new Account("dora", "dora@example.eu"), "Tablet", "dora");
    Run run = run(true, "list", "--user", "dora", "--json");
    assertThat(run.out()).startsWith("{").contains("\"id\":\"" + made.info().id() + "\"");
  }

  private Run run(boolean withAdminToken, String... args) {
    AppPasswordCommand command = new AppPasswordCommand();
    command.sleeper = waits::add;
    command.prompt = new KeycloakSignIn.Prompt() {
      @Override
      public String line(String label) {
        return typed.poll();
      }

      @Override
      public char[] secret(String label) {
        String next = typed.poll();
        return next == null ? null : next.toCharArray();
      }
    };
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", api.url().toString(), "--issuer", keycloak.issuer(),
        "--token-file", withAdminToken ? tokenFile.toString() : dir.resolve("absent.token").toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /** Keycloak's device authorization and token endpoints for client sovereign-cli, scripted poll by poll. */
  static final class FakeDeviceEndpoint implements AutoCloseable {
    final Deque<String> polls = new ArrayDeque<>();
    final List<Map<String, String>> forms = new ArrayList<>();
    volatile boolean deviceAllowed = true;
    private final HttpServer server;

    FakeDeviceEndpoint() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/realms/sovereign/protocol/openid-connect/auth/device", this::device);
      server.createContext("/realms/sovereign/protocol/openid-connect/token", this::token);
      server.start();
    }

    String issuer() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/sovereign";
    }

    private void device(HttpExchange exchange) throws IOException {
      forms.add(form(exchange));
      if (!deviceAllowed) {
        respond(exchange, 400, "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is not allowed to"
            + " initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.\"}");
        return;
      }
      respond(exchange, 200, """
          {"device_code":"dev-123","user_code":"WDJB-MJHT","verification_uri":"http://keycloak.test/device",
           "verification_uri_complete":"http://keycloak.test/device?user_code=WDJB-MJHT","expires_in":600,"interval":5}""");
    }

    private void token(HttpExchange exchange) throws IOException {
      Map<String, String> form = form(exchange);
      forms.add(form);
      if ("password".equals(form.get("grant_type"))) {
        boolean alice = "alice".equals(form.get("username")) && "her password".equals(form.get("password"));
        respond(exchange, alice ? 200 : 400, alice ? "{\"access_token\":\"" + AppPasswordApiFixture.ALICE + "\"}"
            : "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
        return;
      }
      String next = polls.isEmpty() ? "expired_token" : polls.poll();
      if (next.equals("ok") && "dev-123".equals(form.get("device_code"))
          && KeycloakSignIn.DEVICE_GRANT.equals(form.get("grant_type"))) {
        respond(exchange, 200, "{\"access_token\":\"" + AppPasswordApiFixture.ALICE + "\",\"token_type\":\"Bearer\"}");
      } else {
        respond(exchange, 400, "{\"error\":\"" + next + "\"}");
      }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
      Map<String, String> form = new HashMap<>();
      for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return form;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
