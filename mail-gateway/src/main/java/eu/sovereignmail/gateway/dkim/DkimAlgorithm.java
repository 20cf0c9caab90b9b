package eu.sovereignmail.gateway.dkim;

import java.util.Locale;

/** The two DKIM signing algorithms a receiver can be expected to know (RFC 6376, RFC 8463). */
public enum DkimAlgorithm {
  /** 2048-bit RSA: what every verifier understands. */
  RSA_SHA256("rsa", "rsa-sha256", "RSA"),
  /** Ed25519 (RFC 8463): short keys, not yet verified everywhere, so usually published beside an RSA selector. */
  ED25519_SHA256("ed25519", "ed25519-sha256", "Ed25519");

  private final String keyType;
  private final String tag;
  private final String jca;

  DkimAlgorithm(String keyType, String tag, String jca) {
    this.keyType = keyType;
    this.tag = tag;
    this.jca = jca;
  }

  /** The {@code k=} of the key record. */
  public String keyType() {
    return keyType;
  }

  /** The {@code a=} of the signature. */
  public String tag() {
    return tag;
  }

  /** The JCA key algorithm name. */
  public String jca() {
    return jca;
  }

  /** {@code rsa} or {@code ed25519} (the CLI's words). */
  public static DkimAlgorithm of(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "rsa", "rsa-sha256" -> RSA_SHA256;
      case "ed25519", "ed25519-sha256" -> ED25519_SHA256;
      default -> throw new IllegalArgumentException("DKIM algorithm must be rsa or ed25519, was " + word);
    };
  }
}
