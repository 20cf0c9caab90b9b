package eu.sovereignmail.identity.apppassword.internal;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The shape of app-password secrets and ids: easy to read aloud and to type on a phone (lower-case letters and
 * digits without the look-alikes 0/o, 1/l/i), yet random enough that no hash cost is needed to resist guessing.
 * A secret is 16 symbols of a 31-symbol alphabet (79 bits), shown as four groups of four: {@code k7pq-3mzx-vw2n-d8hc}.
 */
public final class SecretFormat {
  /** 23 letters (no i, l, o) and 8 digits (no 0, 1): 31 symbols, log2(31) = 4.95 bits each. */
  public static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  public static final int GROUPS = 4;
  public static final int GROUP_LENGTH = 4;
  public static final int LENGTH = GROUPS * GROUP_LENGTH;
  /** Length of an app password's id (not secret: it names the password in lists and in revoke commands). */
  public static final int ID_LENGTH = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFormat() {}

  /** A new secret, canonical form (16 symbols, no separators). */
  public static String newSecret() {
    return random(LENGTH);
  }

  /** A new id: random, so ids say nothing about how many passwords exist or when they were made. */
  public static String newId() {
    return random(ID_LENGTH);
  }

  /** The secret as shown to the user once: four groups of four joined by dashes. */
  public static String display(String canonical) {
    StringBuilder out = new StringBuilder(LENGTH + GROUPS - 1);
    for (int i = 0; i < canonical.length(); i++) {
      if (i > 0 && i % GROUP_LENGTH == 0) {
        out.append('-');
      }
      out.append(canonical.charAt(i));
    }
    return out.toString();
  }

  /**
   * The canonical form of what a client sent, when it has the shape of an app password: dashes and spaces are
   * ignored and upper case is folded (people type what they read), anything else must be in the alphabet. Empty
   * for anything else, so that ordinary passwords never cost an app-password check.
   */
  public static Optional<String> canonical(String typed) {
    if (typed == null || typed.length() < LENGTH || typed.length() > LENGTH + 2 * (GROUPS - 1) + 2) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < typed.length(); i++) {
      char c = Character.toLowerCase(typed.charAt(i));
      if (c == '-' || c == ' ') {
        continue;
      }
      if (ALPHABET.indexOf(c) < 0 || out.length() == LENGTH) {
        return Optional.empty();
      }
      out.append(c);
    }
    return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
  }

  /** Whether {@code id} could be an app password's id (checked before it reaches a query or a log line). */
  public static boolean isId(String id) {
    if (id == null || id.length() != ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (ALPHABET.indexOf(id.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(out);
  }
}
