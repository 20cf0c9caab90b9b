package eu.sovereignmail.archive.message;

/**
 * One leaf part of a message, in the order met: what {@code show} lists and what attachments are.
 *
 * @param ordinal 1, 2, … in document order (parts of forwarded messages included)
 * @param mediaType lower-case type/subtype as declared (text/plain when none)
 * @param charset the declared charset, or {@code null}
 * @param disposition {@code inline}, {@code attachment} or {@code null}
 * @param fileName the decoded file name (Content-Disposition filename, else Content-Type name), or {@code null}
 * @param size decoded size in bytes
 * @param sha256 hex SHA-256 of the decoded content
 * @param attachment true for an attachment, false for body text (text/plain or text/html shown inline)
 */
public record MessagePart(
    int ordinal, String mediaType, String charset, String disposition, String fileName, long size, String sha256,
    boolean attachment) {}
