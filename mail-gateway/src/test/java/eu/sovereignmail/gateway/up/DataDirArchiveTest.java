package eu.sovereignmail.gateway.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.ArchiveSettings;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirArchiveTest {
  @TempDir Path dataDir;

  @Test
  void opensTheArchiveWhereUpsGatewayKeepsIt() throws Exception {
    CredentialsFile secrets = CredentialsFile.open(dataDir.resolve("secrets.properties"));
    String password = secrets.secret("mariadb.gateway.password");
    secrets.save("test");

    ArchiveSettings settings = DataDirArchive.settings(dataDir, 23306);

    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:23306/" + Stack.GATEWAY_DATABASE);
    assertThat(settings.jdbcUser()).isEqualTo(Stack.GATEWAY_DATABASE);
    assertThat(settings.jdbcPassword()).isEqualTo(password);
    Path archive = dataDir.toAbsolutePath().resolve("gateway").resolve("archive");
    assertThat(settings.blobDir()).isEqualTo(archive.resolve("blobs"));
    assertThat(settings.keyFile()).isEqualTo(archive.resolve("archive.keys"));
    assertThat(settings.checkpointKeyFileOrDefault()).isEqualTo(archive.resolve("checkpoint.key"));
  }

  @Test
  void aDirectoryUpNeverRanInIsNamed() {
    assertThatThrownBy(() -> DataDirArchive.settings(dataDir.resolve("elsewhere"), 13306))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("not an 'up' data directory");
  }
}
