package eu.sovereignmail.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.InMemoryAppPasswordRepository;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A probe, not a test (skipped unless {@code -Didentity.probe=true}): password checks per second on one thread, for
 * the capacity notes. Cached Keycloak passwords (one PBKDF2 check each) and app passwords (one Argon2id check each).
 * Reports CPU time per check as well as wall time, since the machine may be shared.
 *
 * <p>{@code ./mvnw -q -o -pl identity test -Dtest=PasswordCheckThroughputProbeTest -Didentity.probe=true}
 */
class PasswordCheckThroughputProbeTest {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordCheckThroughputProbeTest.class);
  private static final Duration RUN = Duration.ofSeconds(5);

  @Test
  void checksPerSecondOnOneThread() throws Exception {
    assumeTrue(Boolean.getBoolean("identity.probe"), "probe: run with -Didentity.probe=true");
    String password = "correct horse battery staple";
    // One log line per login would flood the console; its cost is microseconds against the hash's milliseconds.
    ch.qos.logback.classic.Logger identity =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CredentialAuthenticator.class);
    ch.qos.logback.classic.Level level = identity.getLevel();
    identity.setLevel(ch.qos.logback.classic.Level.WARN);
    try (FakeKeycloak keycloak = new FakeKeycloak(Clock.systemUTC());
        AppPasswords appPasswords = AppPasswords.open(new InMemoryAppPasswordRepository(), AppPasswordSettings.defaults());
        CredentialAuthenticator auth = new CredentialAuthenticator(keycloak.settings(), Optional.of(appPasswords),
            Clock.systemUTC())) {
      keycloak.addUser("alice", "alice@example.eu", password, Set.of("staff"));
      IssuedAppPassword phone = appPasswords.create(new Account("dora", "dora@example.eu"), "Phone", "dora");
      assertThat(auth.authenticatePassword("alice", password, "127.0.0.1")).isInstanceOf(AuthResult.Authenticated.class);

      measure("cached_password", () ->
          auth.authenticatePassword("alice", password, "127.0.0.1") instanceof AuthResult.Authenticated);
      measure("app_password", () ->
          auth.authenticatePassword("dora", phone.secret(), "127.0.0.1") instanceof AuthResult.Authenticated);
      assertThat(keycloak.tokenCalls()).isEqualTo(1);
    } finally {
      identity.setLevel(level);
    }
  }

  private static void measure(String kind, BooleanSupplier check) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long warmUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < warmUntil) {
      assertThat(check.getAsBoolean()).isTrue();
    }
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + RUN.toNanos();
    long n = 0;
    while (System.nanoTime() < end) {
      assertThat(check.getAsBoolean()).isTrue();
      n++;
    }
    double wallS = (System.nanoTime() - start) / 1e9;
    double cpuS = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    LOG.info("event=probe.password_checks kind={} checks={} per_wall_second={} per_cpu_second={} cpu_ms_per_check={}",
        kind, n, Math.round(n / wallS), Math.round(n / cpuS), String.format("%.3f", cpuS * 1000 / n));
  }
}
