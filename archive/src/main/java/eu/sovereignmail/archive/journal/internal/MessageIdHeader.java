package eu.sovereignmail.archive.journal.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Takes the Message-ID header's value from a raw message's header block without parsing MIME (full
 * parsing comes with indexing): cheap enough to do at append time, tolerant of folding and bad bytes.
 */
public final class MessageIdHeader {
  /** Longest value kept (an RFC 5322 line is at most 998 octets). */
  public static final int MAX_LENGTH = 998;
  private static final byte[] NAME = "message-id:".getBytes(StandardCharsets.US_ASCII);
  private static final int SCAN_LIMIT = 256 * 1024;

  private MessageIdHeader() {}

  /** The unfolded, trimmed Message-ID value, if the header block has one. */
  public static Optional<String> find(byte[] raw) {
    int limit = Math.min(raw.length, SCAN_LIMIT);
    int lineStart = 0;
    while (lineStart < limit) {
      int lineEnd = lineEnd(raw, lineStart, limit);
      if (lineEnd == lineStart) {
        return Optional.empty(); // blank line: end of the header block
      }
      if (startsWithName(raw, lineStart, lineEnd)) {
        StringBuilder value = new StringBuilder(latin1(raw, lineStart + NAME.length, lineEnd));
        int next = skipNewline(raw, lineEnd, limit);
        while (next < limit && (raw[next] == ' ' || raw[next] == '\t')) {
          int continuationEnd = lineEnd(raw, next, limit);
          value.append(' ').append(latin1(raw, next, continuationEnd).strip());
          next = skipNewline(raw, continuationEnd, limit);
        }
        String trimmed = value.toString().strip();
        if (trimmed.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed);
      }
      lineStart = skipNewline(raw, lineEnd, limit);
    }
    return Optional.empty();
  }

  private static int lineEnd(byte[] raw, int from, int limit) {
    int i = from;
    while (i < limit && raw[i] != '\r' && raw[i] != '\n') {
      i++;
    }
    return i;
  }

  private static int skipNewline(byte[] raw, int at, int limit) {
    if (at < limit && raw[at] == '\r') {
      at++;
    }
    if (at < limit && raw[at] == '\n') {
      at++;
    }
    return at;
  }

  private static boolean startsWithName(byte[] raw, int from, int to) {
    if (to - from < NAME.length) {
      return false;
    }
    for (int i = 0; i < NAME.length; i++) {
      if (Character.toLowerCase((char) (raw[from + i] & 0xff)) != NAME[i]) {
        return false;
      }
    }
    return true;
  }

  private static String latin1(byte[] raw, int from, int to) {
    return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
