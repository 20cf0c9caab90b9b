package eu.sovereignmail.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how alerts are posted as JSON: {@code url} (http or https; it may embed a secret, so it is never logged),
 * a per-request {@code timeout}, how many alerts may wait ({@code queueCapacity}) and the first pause between
 * attempts ({@code backoff}, doubled after each).
 */
public record WebhookSettings(URI url, Duration timeout, int queueCapacity, Duration backoff) {
  public WebhookSettings {
    Objects.requireNonNull(url, "alerts.webhook.url");
    Objects.requireNonNull(timeout, "alerts.webhook.timeout");
    Objects.requireNonNull(backoff, "alerts.webhook.backoff");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("alerts.webhook.url must be an http or https URL with a host");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("alerts.webhook.timeout must be positive, was " + timeout);
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("alerts.webhook.backoff must not be negative, was " + backoff);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("alerts.webhook.queueCapacity must be at least 1, was " + queueCapacity);
    }
  }

  /** 10 s per request, 1000 alerts waiting at most, 2 s then 4 s between the three attempts. */
  public static WebhookSettings of(URI url) {
    return new WebhookSettings(url, Duration.ofSeconds(10), 1000, Duration.ofSeconds(2));
  }
}
