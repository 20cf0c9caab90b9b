package eu.sovereignmail.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.auth.Authenticator.Result;
import eu.sovereignmail.identity.auth.AuthResult;
import eu.sovereignmail.identity.auth.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityAuthenticatorTest {
  /** Records what identity was asked and answers what the test says. */
  private static final class ScriptedIdentity implements IdentityChecks {
    final List<String> calls = new ArrayList<>();
    AuthResult answer;

    @Override
    public AuthResult password(String login, String password, String clientIp) {
      calls.add("password " + login + " " + password + " " + clientIp);
      return answer;
    }

    @Override
    public AuthResult bearer(String login, String token, String clientIp) {
      calls.add("bearer " + login + " " + token + " " + clientIp);
      return answer;
    }
  }

  private final ScriptedIdentity identity = new ScriptedIdentity();
  private final List<Duration> pauses = new ArrayList<>();
  private final IdentityAuthenticator authenticator = new IdentityAuthenticator(identity, pauses::add);

  private static AuthResult user(String username, String email) {
    return new AuthResult.Authenticated(new Principal(username, email, Set.of("staff")));
  }

  @Test
  void passwordLoginsGoToThePasswordCheckWithTheClientAddress() {
    identity.answer = user("alice", "Alice@Example.EU");
    Result result = authenticator.authenticate(new SaslCredentials.Password("", "alice", "secret"), "192.0.2.7");
    assertThat(result).isEqualTo(new Result.Authenticated("alice@example.eu", "alice"));
    assertThat(identity.calls).containsExactly("password alice secret 192.0.2.7");
  }

  @Test
  void bearerLoginsGoToTheTokenCheck() {
    identity.answer = user("alice", "alice@example.eu");
    Result result = authenticator.authenticate(new SaslCredentials.Bearer("alice@example.eu", "tok"), "2001:db8::1");
    assertThat(result).isEqualTo(new Result.Authenticated("alice@example.eu", "alice"));
    assertThat(identity.calls).containsExactly("bearer alice@example.eu tok 2001:db8::1");
  }

  @Test
  void aUserWithoutEmailIsKnownByUsername() {
    identity.answer = user("Service-Bot", "");
    assertThat(authenticator.authenticate(new SaslCredentials.Password("", "service-bot", "pw"), "192.0.2.7"))
        .isEqualTo(new Result.Authenticated("service-bot", "service-bot"));
  }

  @Test
  void aRefusalWaitsTheThrottleDelayFirst() {
    identity.answer = new AuthResult.Rejected(Duration.ofMillis(500));
    assertThat(authenticator.authenticate(new SaslCredentials.Password("", "alice", "wrong"), "192.0.2.7"))
        .isEqualTo(new Result.Rejected());
    assertThat(pauses).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void anIdentityOutageIsTemporary() {
    identity.answer = new AuthResult.TemporarilyUnavailable("identity provider unreachable");
    assertThat(authenticator.authenticate(new SaslCredentials.Bearer("alice", "tok"), "192.0.2.7"))
        .isEqualTo(new Result.Unavailable());
    assertThat(pauses).isEmpty();
  }

  @Test
  void plainMayOnlyActAsItself() {
    identity.answer = user("alice", "alice@example.eu");
    assertThat(authenticator.authenticate(new SaslCredentials.Password("ALICE@example.eu", "alice", "pw"), "192.0.2.7"))
        .isEqualTo(new Result.Authenticated("alice@example.eu", "alice"));
    assertThat(authenticator.authenticate(new SaslCredentials.Password("alice", "alice@example.eu", "pw"), "192.0.2.7"))
        .isEqualTo(new Result.Authenticated("alice@example.eu", "alice"));
    assertThat(authenticator.authenticate(new SaslCredentials.Password("bob@example.eu", "alice", "pw"), "192.0.2.7"))
        .isEqualTo(new Result.Rejected());
  }

  @Test
  void theInterfaceMethodStillWorksWithoutAnAddress() {
    identity.answer = user("alice", "alice@example.eu");
    assertThat(authenticator.authenticate(new SaslCredentials.Password("", "alice", "pw"), null))
        .isEqualTo(new Result.Authenticated("alice@example.eu", "alice"));
    assertThat(identity.calls).containsExactly("password alice pw null");
  }
}
