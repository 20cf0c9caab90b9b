package eu.sovereignmail.gateway.dsn.internal;

import java.nio.charset.StandardCharsets;

/** Whether content may travel as a MIME {@code 7bit} part (RFC 2045 2.7): ASCII without NUL, lines of at most 998 octets. */
public final class SevenBit {
  private static final int MAX_LINE = 998;

  private SevenBit() {}

  public static boolean fits(byte[] bytes) {
    int lineLength = 0;
    for (byte b : bytes) {
      if (b == 0 || (b & 0x80) != 0) {
        return false;
      }
      if (b == '\r' || b == '\n') {
        lineLength = 0;
      } else if (++lineLength > MAX_LINE) {
        return false;
      }
    }
    return true;
  }

  public static boolean fits(String text) {
    return fits(text.getBytes(StandardCharsets.UTF_8));
  }

  /** True when any octet is beyond ASCII (the part then needs 8bit or an encoding). */
  public static boolean hasEightBit(byte[] bytes) {
    for (byte b : bytes) {
      if ((b & 0x80) != 0) {
        return true;
      }
    }
    return false;
  }
}
