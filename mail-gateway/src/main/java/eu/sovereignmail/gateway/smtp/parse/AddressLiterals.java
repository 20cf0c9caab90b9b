package eu.sovereignmail.gateway.smtp.parse;

/** RFC 5321 4.1.3 address literals, checked by syntax only (no resolver is ever asked). */
final class AddressLiterals {
  private AddressLiterals() {}

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    String head = s;
    int groupsNeeded = 8;
    int lastColon = s.lastIndexOf(':');
    if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
      if (!isIpv4(s.substring(lastColon + 1))) {
        return false;
      }
      head = s.substring(0, lastColon + 1) + "0";
      groupsNeeded = 7;
    }
    int compressed = head.indexOf("::");
    if (compressed != head.lastIndexOf("::")) {
      return false;
    }
    if (compressed < 0) {
      return groups(head) == groupsNeeded;
    }
    String left = head.substring(0, compressed);
    String right = head.substring(compressed + 2);
    int l = left.isEmpty() ? 0 : groups(left);
    int r = right.isEmpty() ? 0 : groups(right);
    return l >= 0 && r >= 0 && l + r < groupsNeeded;
  }

  /** The number of colon-separated 1-4 digit hex groups, or -1. */
  private static int groups(String s) {
    String[] parts = s.split(":", -1);
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
        return -1;
      }
    }
    return parts.length;
  }

  /** General-address-literal: a standardized tag (Ldh-str) and dcontent (printable ASCII but [ \ ]). */
  static boolean isGeneral(String tag, String content) {
    return !tag.isEmpty()
        && !content.isEmpty()
        && tag.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))
        && !tag.endsWith("-")
        && content.chars().allMatch(c -> c >= 33 && c <= 126 && c != '[' && c != '\\' && c != ']');
  }
}
