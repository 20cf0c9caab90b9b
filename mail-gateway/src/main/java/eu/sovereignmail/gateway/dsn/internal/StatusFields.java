package eu.sovereignmail.gateway.dsn.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the fields of a message/delivery-status body (RFC 3464 2.2, 2.3), which must be 7bit: values are made
 * printable ASCII and folded at spaces so no line exceeds 78 characters where a space allows it (998 at most).
 * Addresses beyond ASCII use the RFC 6533 {@code utf-8} address type with its 7bit {@code \x{HEX}} form.
 */
public final class StatusFields {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int FOLD_AT = 78;
  private static final int HARD_LIMIT = 990;

  private final StringBuilder out = new StringBuilder();

  /** Appends {@code name: value}, made printable and folded. */
  public StatusFields field(String name, String value) {
    fold(name + ": " + printable(value));
    return this;
  }

  /** Appends an address field: {@code type; address}, or {@code utf-8; …} for an address beyond printable ASCII. */
  public StatusFields address(String name, String addressType, String address) {
    return field(name, typedAddress(addressType, address));
  }

  public StatusFields date(String name, Instant at) {
    return field(name, DATE.format(at));
  }

  /** Starts the next group of fields (one recipient's) with the blank line that separates groups. */
  public StatusFields nextGroup() {
    out.append("\r\n");
    return this;
  }

  /** RFC 5322 date-time in UTC, as used for the date fields and the human text. */
  public static String formatDate(Instant at) {
    return DATE.format(at);
  }

  /** {@code type; address} when the address is printable ASCII, else RFC 6533 {@code utf-8; utf-8-addr-xtext}. */
  public static String typedAddress(String addressType, String address) {
    if (isPrintableAscii(address)) {
      return addressType + "; " + address;
    }
    StringBuilder encoded = new StringBuilder("utf-8; ");
    address.codePoints().forEach(cp -> {
      if (cp > 0x20 && cp < 0x7F && cp != '+' && cp != '=' && cp != '\\') {
        encoded.append((char) cp);
      } else {
        encoded.append("\\x{").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append('}');
      }
    });
    return encoded.toString();
  }

  public static boolean isPrintableAscii(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }

  /** Text with controls made spaces and anything beyond ASCII made '?', so it is safe in a 7bit field. */
  public static String printable(String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> s.append(cp < 0x20 || cp == 0x7F ? ' ' : cp < 0x7F ? (char) cp : '?'));
    return s.toString().strip();
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Folds one logical line at spaces (RFC 5322 2.2.3); a run without spaces longer than the hard limit is split. */
  private void fold(String line) {
    int lineLength = 0;
    for (int i = 0; i < line.length(); ) {
      int next = line.indexOf(' ', i + 1);
      if (next < 0) {
        next = line.length();
      }
      String word = line.substring(i, next);
      if (lineLength > 0 && word.charAt(0) == ' ' && lineLength + word.length() > FOLD_AT) {
        out.append("\r\n");
        lineLength = 0;
      }
      while (lineLength + word.length() > HARD_LIMIT) {
        int room = HARD_LIMIT - lineLength;
        out.append(word, 0, room).append("\r\n ");
        lineLength = 1;
        word = word.substring(room);
      }
      out.append(word);
      lineLength += word.length();
      i = next;
    }
    out.append("\r\n");
  }
}
