package eu.sovereignmail.archive.search;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.message.Mailbox;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One message in a result list.
 *
 * @param id the archived message id, for {@link ArchiveSearch#show}
 * @param date the Date header, or the first receipt when it has none
 * @param from the sender, or {@code null} when the message names none
 * @param envelopeRecipients every RCPT TO of every journal copy, merged; empty unless {@code envelopeVisible}
 * @param envelopeVisible whether the caller may see envelope recipients (legal roles); false means
 *     {@code envelopeRecipients} is empty because it is hidden, not because there were none
 * @param copies how many journal entries this message was merged from
 * @param snippets highlighted passages of subject and body; matches wrapped in {@code <em>…</em>}, the
 *     rest HTML-escaped
 */
public record SearchHit(
    long id,
    String messageId,
    Instant date,
    Mailbox from,
    List<Mailbox> to,
    List<Mailbox> cc,
    List<String> envelopeRecipients,
    boolean envelopeVisible,
    String subject,
    long size,
    Set<Direction> directions,
    boolean hasAttachments,
    boolean malformed,
    int copies,
    List<String> snippets) {}
