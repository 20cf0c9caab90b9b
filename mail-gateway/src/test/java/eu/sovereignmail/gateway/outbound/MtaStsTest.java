package eu.sovereignmail.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.testing.LoopbackDns;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MTA-STS: the TXT record's id decides when the policy is fetched; a failed fetch keeps the cached policy. */
class MtaStsTest {
  private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.remote.test\r\nmx: *.backup.test\r\nmax_age: 86400\r\n";

  private LoopbackDns dns;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> served = new AtomicReference<>(POLICY);

  @BeforeEach
  void start() throws Exception {
    dns = LoopbackDns.start().add("remote.test", "_mta-sts TXT \"v=STSv1; id=20260601\"").add("plain.test", "@ A 127.0.0.1");
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private MtaSts mtaSts() {
    return new MtaSts(dns.client(), domain -> {
      fetches.incrementAndGet();
      String text = served.get();
      if (text == null) {
        throw new IOException("policy host down");
      }
      return text;
    }, Clock.systemUTC());
  }

  @Test
  void policyIsFetchedOnceAndMatchesMxPatterns() {
    MtaSts sts = mtaSts();
    MtaStsPolicy policy = sts.policyFor("remote.test").orElseThrow();
    assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
    assertThat(policy.allows("mx.remote.test")).isTrue();
    assertThat(policy.allows("a.backup.test")).isTrue();
    assertThat(policy.allows("a.b.backup.test")).isFalse();
    assertThat(policy.allows("evil.test")).isFalse();
    sts.policyFor("remote.test");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void noRecordNoPolicy() {
    assertThat(mtaSts().policyFor("plain.test")).isEmpty();
    assertThat(fetches).hasValue(0);
  }

  @Test
  void newIdWithFailedFetchKeepsTheCachedPolicy() {
    MtaSts sts = mtaSts();
    sts.policyFor("remote.test");
    dns.add("remote.test", "_mta-sts TXT \"v=STSv1; id=20260602\"");
    served.set(null);
    assertThat(sts.policyFor("remote.test")).isPresent();
  }

  @Test
  void invalidPoliciesAreIgnored() {
    assertThat(MtaStsPolicy.parse("1", "version: STSv1\nmode: enforce\nmax_age: 10\n")).isEmpty();
    assertThat(MtaStsPolicy.parse("1", "version: STSv2\nmode: enforce\nmx: a\nmax_age: 10\n")).isEmpty();
    assertThat(MtaStsPolicy.parse("1", "version: STSv1\nmode: testing\nmx: a.test\nmax_age: 10\n")).isPresent();
  }
}
