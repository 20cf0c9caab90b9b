package eu.sovereignmail.identity.provisioning;

import java.util.Locale;

/** The domain of a mail address, so managed-domain checks read the same everywhere in provisioning. */
final class Addresses {
  private Addresses() {}

  /** The part after the last {@code @}, lower-cased; {@code ""} when there is none. */
  static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
