package eu.sovereignmail.identity.apppassword;

import java.time.Instant;
import java.util.List;

/**
 * Where app passwords are kept ({@link JdbcAppPasswordRepository} on MariaDB); an interface so that the store's rules
 * (index, limits, revocation, last use) are tested without a database. Implementations throw
 * {@link AppPasswordException} with {@link AppPasswordException.Reason#STORAGE} when they cannot read or write.
 */
public interface AppPasswordRepository {

  /** Every active (not revoked) app password. */
  List<StoredAppPassword> loadActive();

  /** The active app passwords of the user whose username or email is {@code loginKey} (lower case). */
  List<StoredAppPassword> loadActive(String loginKey);

  /**
   * Adds {@code password} unless its user already has {@code limit} active ones (checked and written atomically, also
   * against other gateways on the same database); returns whether it was added.
   */
  boolean insertIfBelow(StoredAppPassword password, int limit);

  /** Marks {@code id} of {@code username} revoked; false when there is no such active password of that user. */
  boolean revoke(String username, String id, Instant at, String by);

  /** Marks every active password of {@code username} revoked; returns how many. */
  int revokeAll(String username, Instant at, String by);

  /** Records that {@code id} was used at {@code at} (never moves the time back). */
  void touch(String id, Instant at);
}
