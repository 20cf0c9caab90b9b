package eu.sovereignmail.archive.export.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Appends messages to an mbox in the mboxrd variant: each message after a {@code From } separator line,
 * every line that starts with {@code From } after any number of {@code >} gets one more {@code >} (so
 * reading back removes exactly one and the bytes come back unchanged), and a blank line after each
 * message. Line endings are kept as they are.
 */
public final class MboxWriter {
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;

  public MboxWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes one message: separator (sender, or MAILER-DAEMON, and the date), quoted bytes, blank line. */
  public void write(String sender, Instant date, byte[] message) throws IOException {
    String who = sender == null || sender.isBlank() || sender.chars().anyMatch(ch -> ch <= ' ' || ch > '~')
        ? "MAILER-DAEMON" : sender;
    out.write(("From " + who + " " + ASCTIME.format(date == null ? Instant.EPOCH : date) + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    int lineStart = 0;
    for (int i = 0; i <= message.length; i++) {
      if (i == message.length || message[i] == '\n') {
        int end = i == message.length ? i : i + 1;
        if (end > lineStart) {
          if (needsQuote(message, lineStart, end)) {
            out.write('>');
          }
          out.write(message, lineStart, end - lineStart);
        }
        lineStart = end;
      }
    }
    if (message.length == 0 || message[message.length - 1] != '\n') {
      out.write('\n');
    }
    out.write('\n');
  }

  /** Whether the line {@code [start, end)} is {@code >*From }: mboxrd quotes it. */
  static boolean needsQuote(byte[] bytes, int start, int end) {
    int i = start;
    while (i < end && bytes[i] == '>') {
      i++;
    }
    if (end - i < FROM.length) {
      return false;
    }
    for (int k = 0; k < FROM.length; k++) {
      if (bytes[i + k] != FROM[k]) {
        return false;
      }
    }
    return true;
  }
}
