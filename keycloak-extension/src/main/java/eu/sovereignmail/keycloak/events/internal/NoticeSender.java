package eu.sovereignmail.keycloak.events.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers notices to the gateway without ever holding up Keycloak: a bounded queue that Keycloak's request threads
 * only offer to (a notice already waiting is not queued twice), and one daemon thread that POSTs each notice with
 * short timeouts and a few retries. When the gateway is down, a notice is dropped with a log line (and later
 * notices get a single attempt until one gets through): the gateway's poller and reconcile catch up.
 */
public final class NoticeSender implements AutoCloseable {
  /** The header that carries the shared secret. */
  public static final String SECRET_HEADER = "X-Sovereign-Events-Secret";
  private static final Logger LOG = Logger.getLogger(NoticeSender.class.getName());

  private final ListenerSettings settings;
  private final HttpClient http;
  private final BlockingQueue<Notice> queue;
  private final Set<Notice> pending = ConcurrentHashMap.newKeySet();
  private final Thread worker;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean gatewayDown;
  private volatile boolean closed;

  public NoticeSender(ListenerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
    this.worker = Thread.ofPlatform().daemon().name("sovereign-mail-events").unstarted(this::run);
    worker.start();
    LOG.info(() -> "event=sovereign_mail.events.start url=" + settings.url() + " queue=" + settings.queueCapacity());
  }

  /** Queues {@code notice} without blocking; false when it was dropped (queue full or sender closed). */
  public boolean submit(Notice notice) {
    if (closed) {
      return false;
    }
    if (!pending.add(notice)) {
      return true; // the same notice is already waiting: one delivery covers both
    }
    if (!queue.offer(notice)) {
      pending.remove(notice);
      long count = dropped.incrementAndGet();
      LOG.warning(() -> "event=sovereign_mail.events.drop reason=queue_full kind=" + notice.kind() + " id=" + notice.id()
          + " operation=" + notice.operation() + " dropped_total=" + count);
      return false;
    }
    return true;
  }

  /** Notices delivered so far (for tests and logs). */
  public long sent() {
    return sent.get();
  }

  /** Notices given up so far. */
  public long dropped() {
    return dropped.get();
  }

  /** Notices waiting. */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      Notice notice;
      try {
        notice = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (notice == null) {
        continue;
      }
      pending.remove(notice);
      deliver(notice);
    }
  }

  private void deliver(Notice notice) {
    int attempts = gatewayDown ? 1 : settings.attempts();
    String lastError = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        int status = post(notice);
        if (status / 100 == 2) {
          sent.incrementAndGet();
          if (gatewayDown) {
            gatewayDown = false;
            LOG.info(() -> "event=sovereign_mail.events.gateway_back url=" + settings.url());
          }
          return;
        }
        lastError = "http_" + status;
        if (status == 400 || status == 401 || status == 403 || status == 404) {
          // not going to change by retrying: a wrong secret, URL, or a notice the gateway refuses
          LOG.severe("event=sovereign_mail.events.refused status=" + status + " url=" + settings.url()
              + " kind=" + notice.kind() + " id=" + notice.id()
              + (status == 401 || status == 403 ? " hint=\"the shared secret differs from the gateway's\"" : ""));
          dropped.incrementAndGet();
          return;
        }
      } catch (IOException e) {
        lastError = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        break; // only close() interrupts this thread
      }
      if (attempt < attempts && !sleep(settings.retryDelay().multipliedBy(attempt))) {
        break;
      }
    }
    long count = dropped.incrementAndGet();
    boolean wasDown = gatewayDown;
    gatewayDown = true;
    String error = lastError;
    LOG.log(wasDown ? Level.FINE : Level.WARNING, () -> "event=sovereign_mail.events.drop reason=" + error + " url="
        + settings.url() + " kind=" + notice.kind() + " id=" + notice.id() + " operation=" + notice.operation()
        + " dropped_total=" + count + " hint=\"the gateway's poller and reconcile catch up\"");
  }

  private int post(Notice notice) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(SECRET_HEADER, settings.secret())
        .POST(HttpRequest.BodyPublishers.ofString(notice.toJson(), StandardCharsets.UTF_8))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Stops taking notices, gives the backlog up to the request timeout to drain, then stops the thread. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(settings.requestTimeout().toMillis() + 500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.interrupt();
    int left = queue.size();
    LOG.info(() -> "event=sovereign_mail.events.stop sent=" + sent.get() + " dropped=" + dropped.get() + " unsent=" + left);
  }

  /** For log lines about the destination, never the secret. */
  public URI url() {
    return settings.url();
  }
}
