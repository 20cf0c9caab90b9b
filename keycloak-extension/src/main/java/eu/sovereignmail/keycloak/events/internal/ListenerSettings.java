package eu.sovereignmail.keycloak.events.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where and how the listener pushes: the gateway's endpoint URL, the shared secret (read from a file, never logged),
 * the queue size and the short timeouts. Read from Keycloak's SPI configuration by {@link #from}, so that it is
 * testable without Keycloak.
 */
public record ListenerSettings(URI url, String secret, int queueCapacity, Duration connectTimeout,
    Duration requestTimeout, int attempts, Duration retryDelay) {

  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_ATTEMPTS = 3;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(250);

  public ListenerSettings {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url must be http:// or https://, was " + url);
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the shared secret is empty");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue-capacity must be positive, was " + queueCapacity);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be positive, was " + attempts);
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
  }

  /** Defaults for everything but the destination. */
  public static ListenerSettings of(URI url, String secret) {
    return new ListenerSettings(url, secret, DEFAULT_QUEUE_CAPACITY, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_ATTEMPTS, DEFAULT_RETRY_DELAY);
  }

  /**
   * Settings from a configuration lookup (Keycloak's {@code Config.Scope::get}): {@code url} (required),
   * {@code secret-file} (a file whose first line is the secret) or {@code secret}, {@code queue-capacity},
   * {@code connect-timeout-ms}, {@code request-timeout-ms}, {@code attempts}. Returns null when {@code url} is not
   * set (the listener is installed but not configured: it then ignores events). Throws naming the key when a value is bad.
   */
  public static ListenerSettings from(Function<String, String> config) {
    String url = trimmed(config.apply("url"));
    if (url == null) {
      return null;
    }
    String secretFile = trimmed(config.apply("secret-file"));
    String secret;
    if (secretFile != null) {
      try {
        secret = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("secret-file " + secretFile + " cannot be read: " + e.getClass().getSimpleName());
      }
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret-file " + secretFile + " is empty");
      }
    } else {
      secret = trimmed(config.apply("secret"));
      if (secret == null) {
        throw new IllegalArgumentException("set secret-file (or secret) beside url");
      }
    }
    return new ListenerSettings(URI.create(url), secret,
        integer(config, "queue-capacity", DEFAULT_QUEUE_CAPACITY),
        Duration.ofMillis(integer(config, "connect-timeout-ms", (int) DEFAULT_CONNECT_TIMEOUT.toMillis())),
        Duration.ofMillis(integer(config, "request-timeout-ms", (int) DEFAULT_REQUEST_TIMEOUT.toMillis())),
        integer(config, "attempts", DEFAULT_ATTEMPTS),
        DEFAULT_RETRY_DELAY);
  }

  private static int integer(Function<String, String> config, String key, int fallback) {
    String value = trimmed(config.apply(key));
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was " + value);
    }
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return "ListenerSettings[url=" + url + ", secret=***, queueCapacity=" + queueCapacity + ", connectTimeout="
        + connectTimeout + ", requestTimeout=" + requestTimeout + ", attempts=" + attempts + "]";
  }
}
