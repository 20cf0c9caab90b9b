package eu.sovereignmail.gateway.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool of greeted James connections with a stand-in opener (unconnected sockets): fill, take, expiry, failure. */
class GreetedPoolTest {
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final List<Socket> sockets = new ArrayList<>();

  private GreetedPool.Greeted open() throws IOException {
    if (down.get()) {
      throw new IOException("connection refused");
    }
    opened.incrementAndGet();
    Socket socket = new Socket();
    synchronized (sockets) {
      sockets.add(socket);
    }
    return new GreetedPool.Greeted(socket, new BackendLines(new ByteArrayInputStream(new byte[0])), true,
        System.nanoTime());
  }

  @Test
  void fillsToItsSizeAndEachConnectionIsTakenOnce() {
    try (GreetedPool pool = new GreetedPool(3, Duration.ofMinutes(1), this::open)) {
      assertThat(pool.take()).isEmpty();
      pool.refill();
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.idle() == 3);
      GreetedPool.Greeted first = pool.take().orElseThrow();
      GreetedPool.Greeted second = pool.take().orElseThrow();
      assertThat(first).isNotSameAs(second);
      assertThat(pool.idle()).isEqualTo(1);
      pool.refill();
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.idle() == 3);
      assertThat(opened).hasValue(5);
    }
  }

  @Test
  void expiredConnectionsAreClosedNotUsed() throws Exception {
    try (GreetedPool pool = new GreetedPool(2, Duration.ofMillis(1), this::open)) {
      pool.refill();
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.idle() == 2);
      Thread.sleep(5);
      assertThat(pool.take()).isEmpty();
      assertThat(pool.idle()).isZero();
      synchronized (sockets) {
        assertThat(sockets).allMatch(Socket::isClosed);
      }
    }
  }

  @Test
  void aFailedConnectStopsTheFillAndCloseClosesWhatIsReady() {
    down.set(true);
    GreetedPool pool = new GreetedPool(2, Duration.ofMinutes(1), this::open);
    pool.refill();
    assertThat(pool.take()).isEmpty();
    down.set(false);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      pool.refill();
      return pool.idle() == 2;
    });
    pool.close();
    assertThat(pool.idle()).isZero();
    synchronized (sockets) {
      assertThat(sockets).hasSize(2).allMatch(Socket::isClosed);
    }
    pool.refill();
    assertThat(pool.take()).isEmpty();
  }

  @Test
  void sizeZeroNeverOpensAnything() {
    try (GreetedPool pool = new GreetedPool(0, Duration.ofMinutes(1), this::open)) {
      pool.refill();
      assertThat(pool.take()).isEmpty();
      assertThat(opened).hasValue(0);
    }
  }
}
