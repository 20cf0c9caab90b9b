package eu.sovereignmail.gateway.dkim;

import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.MessageSource;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import eu.sovereignmail.gateway.delivery.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs each transaction's message on its way to another transport (the outbound one): the spooled and journaled
 * copy stays as submitted, the copy that leaves carries a {@code DKIM-Signature}. A key that cannot be used is a
 * delivery failure of the moment (the mail waits), never an unsigned message from a domain that signs.
 */
public final class DkimSigningTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(DkimSigningTransport.class);

  private final Transport next;
  private final DkimSigner signer;

  public DkimSigningTransport(Transport next, DkimSigner signer) {
    this.next = next;
    this.signer = signer;
  }

  @Override
  public String name() {
    return next.name();
  }

  @Override
  public String host() {
    return next.host();
  }

  @Override
  public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) throws IOException {
    Optional<byte[]> signature;
    try {
      signature = signer.sign(message);
    } catch (IOException | RuntimeException e) {
      LOG.error("event=dkim.sign_failed reason=\"{}\"", e.getMessage());
      throw new IOException("DKIM signing failed: " + e.getMessage(), e);
    }
    if (signature.isEmpty()) {
      return next.deliver(transaction, message);
    }
    byte[] field = signature.get();
    DeliveryTransaction signed = new DeliveryTransaction(transaction.mailFrom(), transaction.recipients(),
        transaction.size() + field.length, transaction.body(), transaction.smtpUtf8(), transaction.ret(), transaction.envid());
    return next.deliver(signed, () -> new SequenceInputStream(new ByteArrayInputStream(field), message.open()));
  }

  @Override
  public void close() {
    next.close();
  }
}
