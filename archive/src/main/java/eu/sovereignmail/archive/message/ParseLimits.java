package eu.sovereignmail.archive.message;

import java.time.Duration;

/**
 * Bounds on the work one message may cause while it is parsed for the index, so a hostile message (a
 * zip bomb, archives nested in archives, a huge body) costs bounded time and memory and is still
 * archived; whatever was cut short is named in {@link ParsedMessage#problems()}.
 *
 * @param maxBodyChars body text kept for the index (text/plain and text/html together)
 * @param maxAttachmentTextChars attachment text kept for the index, all attachments together
 * @param maxAttachmentBytesForText attachments larger than this are hashed and listed but not read for text
 * @param attachmentTextTimeout time allowed for extracting one attachment's text
 * @param maxEmbeddedDepth how deep documents inside attachments (zip in zip, files in an Office document) are followed
 * @param maxEmbeddedDocuments documents inside one attachment that are read
 * @param maxParts MIME parts recorded per message (the rest are counted as a problem, not recorded)
 */
public record ParseLimits(
    int maxBodyChars,
    int maxAttachmentTextChars,
    long maxAttachmentBytesForText,
    Duration attachmentTextTimeout,
    int maxEmbeddedDepth,
    int maxEmbeddedDocuments,
    int maxParts) {

  public ParseLimits {
    if (maxBodyChars < 0 || maxAttachmentTextChars < 0 || maxAttachmentBytesForText < 0 || maxEmbeddedDepth < 0
        || maxEmbeddedDocuments < 0 || maxParts < 1 || attachmentTextTimeout == null
        || attachmentTextTimeout.isNegative()) {
      throw new IllegalArgumentException("parse limits must be positive: " + this);
    }
  }

  /** 1 M characters of body and of attachment text, 25 MB per attachment, 10 s, depth 3, 200 documents, 500 parts. */
  public static ParseLimits defaults() {
    return new ParseLimits(1_000_000, 1_000_000, 25L * 1024 * 1024, Duration.ofSeconds(10), 3, 200, 500);
  }
}
