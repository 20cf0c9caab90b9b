package eu.sovereignmail.identity.apppassword;

import java.util.Objects;

/**
 * An active app password as a repository keeps it: what is listed, plus the Argon2id hash of its secret (PHC string).
 * Only the store and its repositories see this type.
 */
public record StoredAppPassword(AppPassword info, String hash) {
  public StoredAppPassword {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public String toString() {
    return "StoredAppPassword[info=" + info + ", hash=***]";
  }
}
