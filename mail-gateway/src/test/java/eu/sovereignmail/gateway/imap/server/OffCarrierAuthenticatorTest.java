package eu.sovereignmail.gateway.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Login checks leave the virtual thread for a platform thread, and run on the caller when every check thread is busy. */
class OffCarrierAuthenticatorTest {
  private static final SaslCredentials PASSWORD = new SaslCredentials.Password("", "alice", "right");

  @Test
  void aCheckCalledFromAVirtualThreadRunsOnAPlatformThread() throws Exception {
    List<Boolean> virtual = new ArrayList<>();
    Authenticator recording = (credentials, ip) -> {
      virtual.add(Thread.currentThread().isVirtual());
      return new Authenticator.Result.Authenticated("alice@example.eu", "alice");
    };
    try (OffCarrierAuthenticator checks = new OffCarrierAuthenticator(recording, 1)) {
      Authenticator.Result[] result = new Authenticator.Result[1];
      Thread.ofVirtual().start(() -> result[0] = checks.authenticate(PASSWORD, "192.0.2.7")).join();
      assertThat(result[0]).isEqualTo(new Authenticator.Result.Authenticated("alice@example.eu", "alice"));
      assertThat(virtual).containsExactly(false);
    }
  }

  @Test
  void whenEveryCheckThreadIsBusyTheCallerChecksItself() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Authenticator slowForBob = (credentials, ip) -> {
      if (credentials.user().equals("bob")) {
        holding.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Authenticator.Result.Rejected();
    };
    try (OffCarrierAuthenticator checks = new OffCarrierAuthenticator(slowForBob, 1)) {
      Thread bob = Thread.ofVirtual().start(
          () -> checks.authenticate(new SaslCredentials.Password("", "bob", "x"), "192.0.2.8"));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(checks.authenticate(PASSWORD, "192.0.2.7")).isEqualTo(new Authenticator.Result.Rejected());
      release.countDown();
      bob.join();
    }
  }

  @Test
  void withoutThreadsEveryCheckRunsOnTheCaller() throws Exception {
    List<Boolean> virtual = new ArrayList<>();
    Authenticator recording = (credentials, ip) -> {
      virtual.add(Thread.currentThread().isVirtual());
      return new Authenticator.Result.Rejected();
    };
    try (OffCarrierAuthenticator checks = new OffCarrierAuthenticator(recording, 0)) {
      Thread.ofVirtual().start(() -> checks.authenticate(PASSWORD, "192.0.2.7")).join();
      assertThat(virtual).containsExactly(true);
    }
  }
}
