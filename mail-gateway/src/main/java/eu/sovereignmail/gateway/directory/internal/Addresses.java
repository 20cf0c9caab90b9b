package eu.sovereignmail.gateway.directory.internal;

import java.util.Locale;

/**
 * The one spelling of an address the directory compares: local part unquoted and, like James's user names,
 * lower-cased; domain lower-cased without a trailing dot.
 */
public final class Addresses {
  private Addresses() {}

  /** {@code local@domain} in the directory's spelling. */
  public static String normalize(String localPart, String domain) {
    return unquote(localPart).toLowerCase(Locale.ROOT) + "@" + domain(domain);
  }

  /** A whole address ({@code local@domain}, split at the last {@code @}); without {@code @} only lower-cased. */
  public static String normalize(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? address.toLowerCase(Locale.ROOT) : normalize(address.substring(0, at), address.substring(at + 1));
  }

  public static String domain(String domain) {
    String lower = domain.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** The domain part of a normalized address. */
  public static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }

  /** The local part of a normalized address. */
  public static String localPartOf(String address) {
    return address.substring(0, address.lastIndexOf('@'));
  }

  /** {@code "john.doe"} and {@code john.doe} are the same mailbox (RFC 5321 4.1.2); quoted-pairs lose their backslash. */
  private static String unquote(String localPart) {
    if (localPart.length() < 2 || localPart.charAt(0) != '"' || localPart.charAt(localPart.length() - 1) != '"') {
      return localPart;
    }
    StringBuilder plain = new StringBuilder(localPart.length());
    for (int i = 1; i < localPart.length() - 1; i++) {
      char c = localPart.charAt(i);
      if (c == '\\' && i + 1 < localPart.length() - 1) {
        c = localPart.charAt(++i);
      }
      plain.append(c);
    }
    return plain.toString();
  }
}
