package eu.sovereignmail.gateway.delivery;

import java.io.IOException;
import java.util.List;

/** A next hop that takes one transaction and answers per recipient: James over LMTP, a smart host over SMTP. */
public interface Transport extends AutoCloseable {
  /** A short name for logs and metrics, e.g. {@code james} or {@code legacy}. */
  String name();

  /** The host name a DSN reports as Remote-MTA; the name by default. */
  default String host() {
    return name();
  }

  /**
   * Runs one transaction and returns one reply per recipient, in the transaction's order.
   *
   * @throws IOException when the next hop cannot be reached or the dialogue breaks: no recipient's fate is known
   */
  List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) throws IOException;

  /** Closes pooled connections. */
  @Override
  default void close() {}
}
