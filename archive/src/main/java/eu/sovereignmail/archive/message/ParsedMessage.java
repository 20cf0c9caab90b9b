package eu.sovereignmail.archive.message;

import java.time.Instant;
import java.util.List;

/**
 * What indexing and {@code show} need from one raw message: header fields, addresses, parts, and the
 * text to search. A broken message still yields one, with {@link #malformed()} set and the reasons in
 * {@link #problems()}; parsing never drops a message.
 *
 * @param messageId the Message-ID header value as written, or {@code null}
 * @param date the Date header, or {@code null} when absent or unreadable
 * @param from From header mailboxes (Sender when From is missing)
 * @param to To header mailboxes (groups flattened)
 * @param cc Cc header mailboxes
 * @param subject decoded Subject, or {@code ""}
 * @param headers every top-level header field, in order
 * @param parts every leaf part, in order
 * @param bodyText the body as plain text (HTML converted through a sanitizing parser), bounded
 * @param attachmentText text extracted from attachments, bounded
 * @param malformed true when the MIME structure or a header could not be read as the standards say
 * @param problems what was malformed, and which limits cut work short
 */
public record ParsedMessage(
    String messageId,
    Instant date,
    List<Mailbox> from,
    List<Mailbox> to,
    List<Mailbox> cc,
    String subject,
    List<HeaderField> headers,
    List<MessagePart> parts,
    String bodyText,
    String attachmentText,
    boolean malformed,
    List<String> problems) {

  public ParsedMessage {
    from = List.copyOf(from);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    headers = List.copyOf(headers);
    parts = List.copyOf(parts);
    problems = List.copyOf(problems);
    subject = subject == null ? "" : subject;
  }

  /** The parts that are attachments. */
  public List<MessagePart> attachments() {
    return parts.stream().filter(MessagePart::attachment).toList();
  }

  /** True when the message has at least one attachment. */
  public boolean hasAttachments() {
    return parts.stream().anyMatch(MessagePart::attachment);
  }
}
