package eu.sovereignmail.keycloak.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NoticeSenderTest {
  private static final String SECRET = "s3cret-shared";
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(202);
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private HttpServer server;

  private URI start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/provisioning/events", exchange -> {
      try {
        gate.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      secrets.add(exchange.getRequestHeaders().getFirst(NoticeSender.SECRET_HEADER));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/provisioning/events");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static ListenerSettings settings(URI url, int capacity) {
    return new ListenerSettings(url, SECRET, capacity, Duration.ofMillis(500), Duration.ofSeconds(1), 3, Duration.ofMillis(20));
  }

  @Test
  void postsEachNoticeWithTheSecret() throws IOException {
    try (NoticeSender sender = new NoticeSender(settings(start(), 100))) {
      assertThat(sender.submit(new Notice("USER", "u1", "CREATE", "sovereign"))).isTrue();
      assertThat(sender.submit(new Notice("GROUP", "g1", "UPDATE", "sovereign"))).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.sent() == 2);
    }
    assertThat(bodies).containsExactly(
        "{\"kind\":\"USER\",\"id\":\"u1\",\"operation\":\"CREATE\",\"realm\":\"sovereign\"}",
        "{\"kind\":\"GROUP\",\"id\":\"g1\",\"operation\":\"UPDATE\",\"realm\":\"sovereign\"}");
    assertThat(secrets).containsOnly(SECRET);
  }

  @Test
  void aNoticeAlreadyWaitingIsNotQueuedTwiceAndAFullQueueDrops() throws IOException {
    gate = new CountDownLatch(1);
    try (NoticeSender sender = new NoticeSender(settings(start(), 2))) {
      Notice first = new Notice("USER", "u0", "UPDATE", "r");
      sender.submit(first);
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.backlog() == 0); // the worker holds it, blocked at the gate
      Notice a = new Notice("USER", "a", "UPDATE", "r");
      Notice b = new Notice("USER", "b", "UPDATE", "r");
      assertThat(sender.submit(a)).isTrue();
      assertThat(sender.submit(a)).isTrue();
      assertThat(sender.submit(b)).isTrue();
      assertThat(sender.backlog()).isEqualTo(2);
      assertThat(sender.submit(new Notice("USER", "c", "UPDATE", "r"))).isFalse();
      assertThat(sender.dropped()).isEqualTo(1);
      gate.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.sent() == 3);
    }
    assertThat(bodies).hasSize(3);
  }

  @Test
  void aRefusedSecretIsNotRetried() throws IOException {
    status.set(401);
    try (NoticeSender sender = new NoticeSender(settings(start(), 10))) {
      sender.submit(new Notice("USER", "u1", "UPDATE", "r"));
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.dropped() == 1);
    }
    assertThat(bodies).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedThenDropped() throws IOException {
    status.set(503);
    try (NoticeSender sender = new NoticeSender(settings(start(), 10))) {
      sender.submit(new Notice("USER", "u1", "UPDATE", "r"));
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.dropped() == 1);
      assertThat(bodies).hasSize(3);
      // the gateway is known to be down: the next notice gets one attempt, and success clears that
      status.set(202);
      sender.submit(new Notice("USER", "u2", "UPDATE", "r"));
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.sent() == 1);
    }
  }

  @Test
  void aGatewayThatIsDownNeverBlocksTheCaller() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (NoticeSender sender = new NoticeSender(settings(URI.create("http://127.0.0.1:" + port + "/x"), 1000))) {
      for (int i = 0; i < 500; i++) {
        assertThat(sender.submit(new Notice("USER", "u" + i, "UPDATE", "r"))).isTrue(); // queued, not sent inline
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> sender.dropped() == 500);
      assertThat(sender.sent()).isZero();
    }
  }
}
