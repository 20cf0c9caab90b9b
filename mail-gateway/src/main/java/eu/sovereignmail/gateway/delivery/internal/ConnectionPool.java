package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.PoolSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Idle connections to one next hop, most recently used first: a transaction takes one (or opens a new one) and gives
 * it back when the dialogue left it clean. Connections idle longer than the timeout are closed when next looked at.
 */
public final class ConnectionPool implements AutoCloseable {
  private record Idle(ClientConnection connection, long sinceNanos) {}

  private final PoolSettings settings;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  public ConnectionPool(PoolSettings settings) {
    this.settings = settings;
  }

  /** The freshest idle connection still worth trying, or null. */
  public ClientConnection take() {
    List<ClientConnection> discard = new ArrayList<>();
    ClientConnection found = null;
    synchronized (this) {
      evictExpired(discard);
      while (found == null && !idle.isEmpty()) {
        ClientConnection candidate = idle.pollFirst().connection();
        if (candidate.unusable()) {
          discard.add(candidate);
        } else {
          found = candidate;
        }
      }
    }
    discard.forEach(ClientConnection::close);
    return found;
  }

  /** Keeps {@code connection} for the next transaction, or QUITs it when the pool is full or closed. */
  public void give(ClientConnection connection) {
    List<ClientConnection> discard = new ArrayList<>();
    synchronized (this) {
      evictExpired(discard);
      if (closed || idle.size() >= settings.maxIdle()) {
        discard.add(connection);
      } else {
        idle.addFirst(new Idle(connection, System.nanoTime()));
      }
    }
    discard.forEach(ClientConnection::quit);
  }

  /** Closes every idle connection: after one was found stale, its older siblings most likely are too. */
  public void discardIdle() {
    List<ClientConnection> discard = new ArrayList<>();
    synchronized (this) {
      idle.forEach(i -> discard.add(i.connection()));
      idle.clear();
    }
    discard.forEach(ClientConnection::close);
  }

  public synchronized int idleCount() {
    return idle.size();
  }

  /** QUITs every idle connection; connections in use are closed when given back. */
  @Override
  public void close() {
    List<ClientConnection> discard = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.forEach(i -> discard.add(i.connection()));
      idle.clear();
    }
    discard.forEach(ClientConnection::quit);
  }

  private void evictExpired(List<ClientConnection> discard) {
    long now = System.nanoTime();
    long timeout = settings.idleTimeout().toNanos();
    while (!idle.isEmpty() && now - idle.peekLast().sinceNanos() > timeout) {
      discard.add(idle.pollLast().connection());
    }
  }
}
