package eu.sovereignmail.identity.provisioning.internal;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code mailQuota} attribute: a byte count, or a number with K, M, G or T (powers of 1024; {@code KB},
 * {@code KiB} and lower case are accepted), as administrators type it in the Keycloak console.
 */
public final class QuotaText {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]?)(?:i?b)?");

  private QuotaText() {}

  /** The size in bytes; empty for a blank value; {@link IllegalArgumentException} for anything else. */
  public static OptionalLong parse(String text) {
    if (text == null || text.isBlank()) {
      return OptionalLong.empty();
    }
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 5368709120, 500M, 5G)");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long value = Long.parseLong(m.group(1));
    if (value == 0 || Long.numberOfLeadingZeros(value) <= shift) {
      throw new IllegalArgumentException("size out of range: '" + text + "'");
    }
    return OptionalLong.of(value << shift);
  }
}
