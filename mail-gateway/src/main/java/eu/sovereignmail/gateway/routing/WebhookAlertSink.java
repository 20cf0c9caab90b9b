package eu.sovereignmail.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts posted as JSON to a chat or incident tool. {@link #raise} only queues (bounded; a full queue drops the alert
 * with a log line); one background virtual thread posts each alert with up to {@value #ATTEMPTS} attempts and a
 * doubling pause, so a slow or broken endpoint never holds up delivery.
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
  static final int ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSettings settings;
  private final String source;
  private final BlockingQueue<Alert> queue;
  private final HttpClient client;
  private final Thread worker;
  private volatile boolean closing;

  /** {@code source} names this gateway in every payload (e.g. its host name). */
  public WebhookAlertSink(WebhookSettings settings, String source) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.worker = Thread.ofVirtual().name("alert-webhook").start(this::drain);
  }

  /** The JSON body of one alert. */
  record Payload(String source, String at, String kind, String subject, String summary, String detail) {
    static Payload of(String source, Alert alert) {
      return new Payload(source, alert.at().toString(), alert.kind(), alert.subject(), alert.summary(), alert.detail());
    }
  }

  @Override
  public void raise(Alert alert) {
    if (alert == null) {
      return;
    }
    if (closing || !queue.offer(alert)) {
      LOG.warn("event=alert.webhook_dropped host={} kind={} reason={}", settings.url().getHost(), alert.kind(),
          closing ? "closed" : "queue_full");
    }
  }

  private void drain() {
    while (!closing || !queue.isEmpty()) {
      Alert alert;
      try {
        alert = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (alert != null && !post(alert)) {
        return; // interrupted while closing
      }
    }
  }

  /** Posts one alert; false only when interrupted. */
  private boolean post(Alert alert) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Payload.of(source, alert));
    } catch (JsonProcessingException e) {
      LOG.warn("event=alert.webhook_failed host={} kind={} attempts=0 error=\"{}\"", settings.url().getHost(),
          alert.kind(), e.getMessage());
      return true;
    }
    HttpRequest request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    Duration pause = settings.backoff();
    String lastError = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          LOG.info("event=alert.webhook_sent host={} kind={} attempts={}", settings.url().getHost(), alert.kind(),
              attempt);
          return true;
        }
        lastError = "status " + response.statusCode();
      } catch (IOException e) {
        lastError = e.toString();
      } catch (InterruptedException e) {
        LOG.warn("event=alert.webhook_dropped host={} kind={} reason=interrupted", settings.url().getHost(),
            alert.kind());
        return false;
      }
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          LOG.warn("event=alert.webhook_dropped host={} kind={} reason=interrupted", settings.url().getHost(),
              alert.kind());
          return false;
        }
        pause = pause.multipliedBy(2);
      }
    }
    LOG.warn("event=alert.webhook_failed host={} kind={} attempts={} error=\"{}\"", settings.url().getHost(),
        alert.kind(), ATTEMPTS, lastError);
    return true;
  }

  /** How many alerts wait to be posted. */
  public int queued() {
    return queue.size();
  }

  /**
   * Stops taking alerts and gives the queued ones one request timeout (plus a second) to go out; whatever is still
   * queued after that is dropped with a log line.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      if (!worker.join(settings.timeout().plusSeconds(1))) {
        worker.interrupt();
        worker.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
    }
    int left = queue.size();
    if (left > 0) {
      LOG.warn("event=alert.webhook_dropped host={} count={} reason=closed", settings.url().getHost(), left);
      queue.clear();
    }
    client.close();
  }
}
