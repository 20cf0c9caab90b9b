package eu.sovereignmail.archive.search;

import eu.sovereignmail.archive.message.HeaderField;
import eu.sovereignmail.archive.message.MessagePart;
import java.util.List;

/**
 * One archived message opened for review: its summary, every header field, its parts, its text, and
 * (for legal roles) the journal envelope of each copy.
 *
 * @param summary the same fields a result row has (no snippets)
 * @param headers top-level header fields of the stored message, in order
 * @param parts every leaf part with type, name, size and hash
 * @param bodyText the body as text (HTML converted through a sanitizing parser)
 * @param problems why the message is flagged malformed, and which parse limits applied
 * @param envelopeVisible whether {@code copies} is filled (legal roles) or hidden
 * @param copies every journal entry merged into this message, with its envelope
 */
public record MessageDetail(
    SearchHit summary,
    List<HeaderField> headers,
    List<MessagePart> parts,
    String bodyText,
    List<String> problems,
    boolean envelopeVisible,
    List<JournalCopy> copies) {}
