package eu.sovereignmail.gateway.http.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The gateway's local admin token: lets an operator on the gateway host use the admin API without Keycloak (e.g.
 * while Keycloak is down). Compared in constant time; never printed by {@link #toString()}.
 */
public final class AdminToken {
  private final String value;
  private final byte[] digest;

  public AdminToken(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("admin token must not be blank");
    }
    this.value = value;
    this.digest = sha256(value);
  }

  /** The secret itself, for a client sending it (the CLI); the server only ever calls {@link #matches}. */
  public String value() {
    return value;
  }

  /** Whether {@code candidate} is this token; the time taken does not depend on where they differ, nor on length. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AdminToken[hidden]";
  }
}
