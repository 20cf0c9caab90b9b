package eu.sovereignmail.identity.apppassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Argon2id hashes in PHC form: they verify the right secret only, carry their parameters, and reject malformed input. */
class Argon2idTest {
  private static final Logger LOG = LoggerFactory.getLogger(Argon2idTest.class);
  private static final String SECRET = "k7pq3mzxvw2nd8hc";

  @Test
  void aHashVerifiesItsSecretAndNoOther() {
    String phc = Argon2id.defaults().hash(SECRET);
    assertThat(Argon2id.verify(SECRET, phc)).isTrue();
    assertThat(Argon2id.verify("k7pq3mzxvw2nd8hd", phc)).isFalse();
    assertThat(Argon2id.verify("", phc)).isFalse();
  }

  @Test
  void theStringNamesAlgorithmVersionAndTheDocumentedParameters() {
    String phc = Argon2id.defaults().hash(SECRET);
    assertThat(phc).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
    String[] parts = phc.split("\\$");
    assertThat(parts[4]).hasSize(22); // 16-byte salt, unpadded base64
    assertThat(parts[5]).hasSize(43); // 32-byte hash
    assertThat(phc).doesNotContain(SECRET);
  }

  @Test
  void eachHashHasItsOwnSalt() {
    Argon2id hasher = Argon2id.defaults();
    assertThat(hasher.hash(SECRET)).isNotEqualTo(hasher.hash(SECRET));
  }

  @Test
  void storedParametersAreHonouredSoTheDefaultsCanBeRaisedLater() {
    String stronger = new Argon2id(4096, 3, 2).hash(SECRET);
    assertThat(stronger).contains("$m=4096,t=3,p=2$");
    assertThat(Argon2id.verify(SECRET, stronger)).isTrue();
    // The same salt and hash under other parameters do not verify.
    assertThat(Argon2id.verify(SECRET, stronger.replace("m=4096,t=3", "m=4096,t=2"))).isFalse();
  }

  @Test
  void malformedOrAbusiveStringsAreRefusedWithoutHashing() {
    String phc = Argon2id.defaults().hash(SECRET);
    assertThat(Argon2id.verify(SECRET, null)).isFalse();
    assertThat(Argon2id.verify(SECRET, "")).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.replace("argon2id", "argon2i"))).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.replace("v=19", "v=16"))).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.replace("m=2048", "m=99999999"))).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.replace("t=2", "t=1000"))).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.replace("m=2048", "m=x"))).isFalse();
    assertThat(Argon2id.verify(SECRET, phc + "$extra")).isFalse();
    assertThat(Argon2id.verify(SECRET, phc.substring(0, phc.lastIndexOf('$')) + "$!!")).isFalse();
  }

  @Test
  void unreasonableParametersAreRefusedAtConstruction() {
    assertThatThrownBy(() -> new Argon2id(4, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2id(2048, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2id(2048, 2, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Not an assertion on speed (the machine may be busy): the cost of one check is logged for the documentation, as
   * CPU time of this thread (what a check costs a core) and wall time (what a login waits on this machine now).
   */
  @Test
  void oneCheckCostsAFewMillisecondsOfOneCore() {
    String phc = Argon2id.defaults().hash(SECRET);
    for (int i = 0; i < 30; i++) {
      Argon2id.verify(SECRET, phc);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rounds = 100;
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      assertThat(Argon2id.verify(SECRET, phc)).isTrue();
    }
    double wallMs = (System.nanoTime() - start) / 1e6 / rounds;
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / rounds;
    LOG.info("event=test.argon2id.cost m_kib={} t={} p={} cpu_ms_per_check={} wall_ms_per_check={}",
        Argon2id.DEFAULT_MEMORY_KIB, Argon2id.DEFAULT_ITERATIONS, Argon2id.DEFAULT_PARALLELISM,
        String.format("%.2f", cpuMs), String.format("%.2f", wallMs));
  }
}
