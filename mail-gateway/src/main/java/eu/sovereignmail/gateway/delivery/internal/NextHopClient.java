package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.MessageSource;
import eu.sovereignmail.gateway.delivery.PoolSettings;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled transaction runner behind every transport: take an idle connection (or open one through the
 * transport's {@link Connector}), run the shared {@link MailDialogue}, give the connection back when it is clean. A
 * pooled connection found dead before the MAIL reply is retried once on a fresh one; nothing else is retried.
 */
public final class NextHopClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NextHopClient.class);

  /** Opens and sets up one session (connect, greeting, hello, and for SMTP STARTTLS and AUTH). */
  @FunctionalInterface
  public interface Connector {
    OpenResult open() throws IOException;
  }

  private final String name;
  private final Dialect dialect;
  private final Connector connector;
  private final ConnectionPool pool;

  public NextHopClient(String name, Dialect dialect, Connector connector, PoolSettings pool) {
    this.name = name;
    this.dialect = dialect;
    this.connector = connector;
    this.pool = new ConnectionPool(pool);
  }

  public List<RecipientReply> deliver(DeliveryTransaction tx, MessageSource source) throws IOException {
    ClientConnection pooled = pool.take();
    if (pooled != null) {
      try {
        return run(pooled, tx, source, true);
      } catch (MailDialogue.StaleConnectionException e) {
        LOG.debug("event=delivery.stale_connection transport={} reason=\"{}\" action=retry_fresh", name, e.getMessage());
        pool.discardIdle();
      }
    }
    return switch (connector.open()) {
      case OpenResult.Ready ready -> run(ready.connection(), tx, source, false);
      case OpenResult.Refused refused -> MailDialogue.all(tx, refused.reply());
    };
  }

  public int idleConnections() {
    return pool.idleCount();
  }

  private List<RecipientReply> run(ClientConnection connection, DeliveryTransaction tx, MessageSource source, boolean reused)
      throws IOException {
    MailDialogue.Outcome outcome;
    try {
      outcome = MailDialogue.run(connection, dialect, tx, source, reused);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    if (outcome.reusable()) {
      pool.give(connection);
    } else {
      connection.close();
    }
    return outcome.replies();
  }

  @Override
  public void close() {
    pool.close();
  }
}
