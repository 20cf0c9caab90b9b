package eu.sovereignmail.archive.export.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an mboxrd file back into messages (for tests: the round trip of {@link MboxWriter}). */
public final class MboxReader {
  private MboxReader() {}

  /** The messages of {@code mbox}, each with one {@code >} taken off its quoted {@code >*From } lines. */
  public static List<byte[]> read(byte[] mbox) {
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    boolean previousBlank = true;
    int start = 0;
    while (start < mbox.length) {
      int end = start;
      while (end < mbox.length && mbox[end] != '\n') {
        end++;
      }
      end = Math.min(end + 1, mbox.length);
      String line = new String(mbox, start, end - start, StandardCharsets.ISO_8859_1);
      if (previousBlank && line.startsWith("From ")) {
        if (current != null) {
          messages.add(withoutSeparator(current.toByteArray()));
        }
        current = new ByteArrayOutputStream();
      } else if (current != null) {
        int from = MboxWriter.needsQuote(mbox, start, end) && mbox[start] == '>' ? start + 1 : start;
        current.write(mbox, from, end - from);
      }
      previousBlank = line.equals("\n");
      start = end;
    }
    if (current != null) {
      messages.add(withoutSeparator(current.toByteArray()));
    }
    return messages;
  }

  /** Drops the blank line the writer adds after each message. */
  private static byte[] withoutSeparator(byte[] bytes) {
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
    return java.util.Arrays.copyOf(bytes, length);
  }
}
