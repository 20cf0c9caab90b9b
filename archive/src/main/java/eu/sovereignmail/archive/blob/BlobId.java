package eu.sovereignmail.archive.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The name of a stored message: the lower-case hex SHA-256 of its raw bytes, so equal bytes share one name. */
public record BlobId(String hex) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public BlobId {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + hex);
    }
  }

  /** The id of {@code raw}. */
  public static BlobId of(byte[] raw) {
    return fromDigest(sha256().digest(raw));
  }

  /** The id whose 32 digest bytes are {@code digest}. */
  public static BlobId fromDigest(byte[] digest) {
    return new BlobId(HexFormat.of().formatHex(digest));
  }

  /** A fresh SHA-256 digest, for callers that hash a stream. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}
