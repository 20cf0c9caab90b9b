package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.delivery.internal.ClientConnection;
import eu.sovereignmail.gateway.delivery.internal.Dialect;
import eu.sovereignmail.gateway.delivery.internal.NextHopClient;
import eu.sovereignmail.gateway.delivery.internal.OpenResult;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 2033 LMTP client to James: James's local delivery answers once per accepted recipient, which is what
 * per-recipient spool state needs. Connections are pooled (RSET before reuse), commands pipelined when advertised.
 */
public final class LmtpClient implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(LmtpClient.class);

  private final LmtpTarget target;
  private final NextHopClient client;

  public LmtpClient(LmtpTarget target) {
    this.target = target;
    this.client = new NextHopClient(name(), Dialect.LMTP, this::open, target.pool());
  }

  public LmtpTarget target() {
    return target;
  }

  @Override
  public String name() {
    return "james";
  }

  /**
   * Runs one transaction and returns one reply per recipient, in the transaction's order.
   *
   * @throws IOException when James cannot be reached or the dialogue breaks: no recipient's fate is known
   */
  @Override
  public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) throws IOException {
    return client.deliver(transaction, message);
  }

  /** Idle pooled connections right now (for tests and metrics). */
  public int idleConnections() {
    return client.idleConnections();
  }

  @Override
  public void close() {
    client.close();
  }

  private OpenResult open() throws IOException {
    ClientConnection connection = ClientConnection.open(target.host(), target.port(), target.connectTimeout(),
        target.readTimeout(), Dialect.LMTP, target.lhloName());
    LOG.debug("event=delivery.connection_opened transport={} host={} port={}", name(), target.host(), target.port());
    return new OpenResult.Ready(connection);
  }
}
