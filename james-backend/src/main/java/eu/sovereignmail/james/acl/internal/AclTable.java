package eu.sovereignmail.james.acl.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table that keeps RFC 4314 rights of the JPA mailboxes, which James 3.8.1 only holds in memory: one row per
 * mailbox id and ACL entry key (serialized as James serializes it, e.g. {@code bob@example.eu}, {@code -bob@example.eu},
 * {@code $group}, {@code anyone}). Rows go with their mailbox (foreign key, on delete cascade). Plain SQL through the
 * shared OpenJPA unit, so it needs no entity of ours to be enhanced.
 */
public final class AclTable {
  static final String TABLE = "SOVEREIGN_MAILBOX_ACL";
  private static final Logger LOG = LoggerFactory.getLogger(AclTable.class);

  private final EntityManagerFactory factory;

  public AclTable(EntityManagerFactory factory) {
    this.factory = factory;
  }

  /** Creates the table when missing. Runs after OpenJPA has created JAMES_MAILBOX, which it references. */
  public void createIfMissing() {
    inTransaction(em -> em.createNativeQuery("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "MAILBOX_ID BIGINT NOT NULL, "
            + "ENTRY_KEY VARCHAR(255) NOT NULL, "
            + "RIGHTS VARCHAR(64) NOT NULL, "
            + "PRIMARY KEY (MAILBOX_ID, ENTRY_KEY), "
            + "KEY SOVEREIGN_MAILBOX_ACL_ENTRY (ENTRY_KEY), "
            + "CONSTRAINT SOVEREIGN_MAILBOX_ACL_MAILBOX FOREIGN KEY (MAILBOX_ID) REFERENCES JAMES_MAILBOX (MAILBOX_ID)"
            + " ON DELETE CASCADE) ENGINE=InnoDB")
        .executeUpdate());
    LOG.info("event=james.acl.table_ready table={}", TABLE);
  }

  /** The stored ACL of each given mailbox (an empty ACL for a mailbox without rows), read with {@code em}. */
  public Map<Long, MailboxACL> read(EntityManager em, Collection<Long> mailboxIds) {
    Map<Long, MailboxACL> acls = new HashMap<>();
    if (mailboxIds.isEmpty()) {
      return acls;
    }
    String ids = mailboxIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
    Map<Long, Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights>> entries = new HashMap<>();
    for (Object[] row : rows(em.createNativeQuery(
        "SELECT MAILBOX_ID, ENTRY_KEY, RIGHTS FROM " + TABLE + " WHERE MAILBOX_ID IN (" + ids + ")").getResultList())) {
      long id = ((Number) row[0]).longValue();
      entries.computeIfAbsent(id, i -> new HashMap<>()).put(MailboxACL.EntryKey.deserialize((String) row[1]),
          rights((String) row[2]));
    }
    for (Long id : mailboxIds) {
      acls.put(id, new MailboxACL(entries.getOrDefault(id, Map.of())));
    }
    return acls;
  }

  /** Ids of the mailboxes where {@code user} has a (positive, user) entry. */
  public List<Long> mailboxesSharedWith(EntityManager em, Username user) {
    List<Long> ids = new ArrayList<>();
    for (Object id : em.createNativeQuery("SELECT MAILBOX_ID FROM " + TABLE + " WHERE ENTRY_KEY = ?1")
        .setParameter(1, MailboxACL.EntryKey.createUserEntryKey(user).serialize())
        .getResultList()) {
      ids.add(((Number) id).longValue());
    }
    return ids;
  }

  /**
   * Replaces a mailbox's ACL with what {@code change} makes of the stored one, in one transaction that holds the
   * mailbox row locked (so two changes of the same mailbox never lose each other). Returns the ACL before and after.
   */
  public Change update(long mailboxId, AclChange change) {
    return inTransaction(em -> {
      List<?> locked = em.createNativeQuery("SELECT MAILBOX_ID FROM JAMES_MAILBOX WHERE MAILBOX_ID = ?1 FOR UPDATE")
          .setParameter(1, mailboxId).getResultList();
      if (locked.isEmpty()) {
        throw new IllegalStateException("mailbox " + mailboxId + " does not exist");
      }
      MailboxACL before = read(em, List.of(mailboxId)).get(mailboxId);
      MailboxACL after = change.apply(before);
      em.createNativeQuery("DELETE FROM " + TABLE + " WHERE MAILBOX_ID = ?1").setParameter(1, mailboxId).executeUpdate();
      for (Map.Entry<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entry : after.getEntries().entrySet()) {
        if (entry.getValue().isEmpty()) {
          continue;
        }
        em.createNativeQuery("INSERT INTO " + TABLE + " (MAILBOX_ID, ENTRY_KEY, RIGHTS) VALUES (?1, ?2, ?3)")
            .setParameter(1, mailboxId)
            .setParameter(2, entry.getKey().serialize())
            .setParameter(3, entry.getValue().serialize())
            .executeUpdate();
      }
      return new Change(before, after);
    });
  }

  /** Deletes a mailbox's rows with {@code em}, inside the caller's transaction. */
  public void delete(EntityManager em, long mailboxId) {
    em.createNativeQuery("DELETE FROM " + TABLE + " WHERE MAILBOX_ID = ?1").setParameter(1, mailboxId).executeUpdate();
  }

  /** A mailbox's ACL before and after one update. */
  public record Change(MailboxACL before, MailboxACL after) {}

  /** What an update makes of the stored ACL. */
  @FunctionalInterface
  public interface AclChange {
    MailboxACL apply(MailboxACL stored) throws UnsupportedRightException;
  }

  /** A unit of work on a fresh entity manager. */
  @FunctionalInterface
  private interface Work<T> {
    T run(EntityManager em) throws UnsupportedRightException;
  }

  private <T> T inTransaction(Work<T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction transaction = em.getTransaction();
    try {
      transaction.begin();
      T result = work.run(em);
      transaction.commit();
      return result;
    } catch (UnsupportedRightException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } finally {
      if (transaction.isActive()) {
        transaction.rollback();
      }
      em.close();
    }
  }

  private static MailboxACL.Rfc4314Rights rights(String serialized) {
    try {
      return MailboxACL.Rfc4314Rights.deserialize(serialized);
    } catch (UnsupportedRightException e) {
      throw new IllegalStateException("stored rights are not RFC 4314 rights: " + serialized, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(List<?> result) {
    return (List<Object[]>) result;
  }
}
