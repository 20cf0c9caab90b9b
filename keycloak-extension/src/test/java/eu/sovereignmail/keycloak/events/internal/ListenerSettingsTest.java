package eu.sovereignmail.keycloak.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerSettingsTest {
  @TempDir Path dir;

  @Test
  void readsTheSecretFromItsFile() throws IOException {
    Path file = Files.writeString(dir.resolve("events.secret"), "abc123\n");
    ListenerSettings settings = ListenerSettings.from(Map.of(
        "url", "http://127.0.0.1:8080/api/provisioning/events", "secret-file", file.toString(), "attempts", "5")::get);
    assertThat(settings.url()).isEqualTo(URI.create("http://127.0.0.1:8080/api/provisioning/events"));
    assertThat(settings.secret()).isEqualTo("abc123");
    assertThat(settings.attempts()).isEqualTo(5);
    assertThat(settings.queueCapacity()).isEqualTo(ListenerSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(settings.toString()).doesNotContain("abc123");
  }

  @Test
  void noUrlMeansNotConfigured() {
    assertThat(ListenerSettings.from(Map.<String, String>of()::get)).isNull();
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> ListenerSettings.from(Map.of("url", "http://127.0.0.1/x")::get))
        .hasMessageContaining("secret-file");
    assertThatThrownBy(() -> ListenerSettings.from(Map.of("url", "http://127.0.0.1/x", "secret-file", dir.resolve("none").toString())::get))
        .hasMessageContaining("secret-file").hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> ListenerSettings.from(Map.of("url", "http://127.0.0.1/x", "secret", "s", "attempts", "many")::get))
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> ListenerSettings.from(Map.of("url", "ftp://127.0.0.1/x", "secret", "s")::get))
        .hasMessageContaining("http");
  }
}
