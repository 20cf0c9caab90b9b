package eu.sovereignmail.identity.apppassword;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One app password as its owner and admins see it: never the secret nor its hash.
 *
 * @param id random, not secret; names the password in lists and revocations
 * @param account whose it is
 * @param label what the user called it ("Phone", "Thunderbird at home")
 * @param createdAt when it was made
 * @param createdBy who made it: the user, an admin's username, or {@code local-admin}
 * @param lastUsedAt when it last opened an IMAP/SMTP session, {@code null} if never (kept to about a minute)
 */
public record AppPassword(String id, Account account, String label, Instant createdAt, String createdBy,
    Instant lastUsedAt) {

  public AppPassword {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  public Optional<Instant> lastUsed() {
    return Optional.ofNullable(lastUsedAt);
  }

  AppPassword usedAt(Instant at) {
    return lastUsedAt != null && !at.isAfter(lastUsedAt) ? this : new AppPassword(id, account, label, createdAt, createdBy, at);
  }
}
