package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A step every message of an unauthenticated (MX) session passes before the gateway answers for it, in the spirit
 * of a James mailet: it sees the message as it arrives and at the end either accepts it (possibly rewritten, e.g.
 * with an {@code Authentication-Results} field on top) or refuses it with a reply. The session stays in charge of
 * the spool and of the 250.
 */
@FunctionalInterface
public interface MessageFilter {
  /** Lets every message through unchanged (no stage is opened). */
  MessageFilter NONE = envelope -> null;

  /** A stage for one message, or null when this message needs no filtering. */
  Stage open(Envelope envelope) throws IOException;

  /** One message going through the filter. */
  interface Stage extends AutoCloseable {
    /** The next message bytes (the buffer's position is not moved). */
    void write(ByteBuffer bytes) throws IOException;

    /** Called once at the end of the message. */
    Verdict finish() throws IOException;

    /** Releases what the stage holds (buffers, temporary files); safe after finish. */
    @Override
    void close();
  }

  /** What happens to the message. */
  sealed interface Verdict {
    /** Spool {@code message} (the whole message as it is to be kept, read once) after the session's Received field. */
    record Accept(InputStream message) implements Verdict {
      public Accept {
        Objects.requireNonNull(message, "message");
      }
    }

    /** Refuse the message with {@code reply} (e.g. 550 5.7.1 for a DMARC {@code p=reject} failure). */
    record Reject(SmtpReply reply) implements Verdict {
      public Reject {
        Objects.requireNonNull(reply, "reply");
      }
    }
  }
}
