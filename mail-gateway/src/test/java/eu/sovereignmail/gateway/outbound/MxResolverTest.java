package eu.sovereignmail.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.testing.LoopbackDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MX resolution against the loopback DNS: preference order, implicit MX, null MX, missing domain, DNS failures. */
class MxResolverTest {
  private static LoopbackDns dns;
  private static MxResolver resolver;

  @BeforeAll
  static void zones() throws Exception {
    dns = LoopbackDns.start()
        .add("remote.test", "@ MX 20 backup", "@ MX 10 mx", "mx A 127.0.0.1", "backup A 127.0.0.2")
        .add("plain.test", "@ A 127.0.0.3")
        .add("nomail.test", "@ MX 0 .", "@ A 127.0.0.4")
        .add("slow.test", "@ A 127.0.0.5")
        .add("broken.test", "@ A 127.0.0.6")
        .silent("slow.test")
        .servfail("broken.test");
    resolver = new MxResolver(dns.client());
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  @Test
  void mxHostsInPreferenceOrder() {
    assertThat(resolver.resolve("Remote.TEST")).isEqualTo(new MxResult.Hosts(java.util.List.of("mx.remote.test", "backup.remote.test"), false));
  }

  @Test
  void domainWithoutMxButAnAddressIsItsOwnMx() {
    assertThat(resolver.resolve("plain.test")).isEqualTo(new MxResult.Hosts(java.util.List.of("plain.test"), true));
  }

  @Test
  void nullMxMeansNoMail() {
    assertThat(resolver.resolve("nomail.test")).isInstanceOf(MxResult.NullMx.class);
  }

  @Test
  void missingDomainIsPermanent() {
    assertThat(resolver.resolve("nowhere.remote.test")).isInstanceOf(MxResult.NoSuchDomain.class);
  }

  @Test
  void timeoutAndServfailAreTemporary() {
    assertThat(resolver.resolve("slow.test")).isInstanceOf(MxResult.TemporaryFailure.class);
    assertThat(resolver.resolve("broken.test")).isInstanceOf(MxResult.TemporaryFailure.class);
  }

  @Test
  void serverAddressesParse() {
    assertThat(DnsClient.address("127.0.0.1:5353").getPort()).isEqualTo(5353);
    assertThat(DnsClient.address("127.0.0.1").getPort()).isEqualTo(53);
    assertThat(DnsClient.address("[::1]:5300").getPort()).isEqualTo(5300);
  }
}
