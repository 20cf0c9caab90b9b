package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.util.List;

/** What one {@link SmtpSession#feed} produced: replies to send in order, then what the connection does next. */
public record SessionOutput(List<SmtpReply> replies, Next next) {
  public SessionOutput {
    replies = List.copyOf(replies);
  }

  /** After sending the replies: read more, run the TLS handshake (buffered input already discarded), or close. */
  public enum Next { READ, START_TLS, CLOSE }
}
