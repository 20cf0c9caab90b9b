package eu.sovereignmail.james.acl;

import eu.sovereignmail.james.acl.internal.AclKeepingMailboxMapper;
import eu.sovereignmail.james.acl.internal.AclTable;
import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.store.mail.MailboxMapper;

/**
 * The JPA mapper factory whose mailbox mappers keep IMAP ACLs in MariaDB, so that shared mailboxes (RFC 4314 rights
 * given to other users) survive a restart and can be listed by the users they are shared with. James 3.8.1's own JPA
 * mapper keeps ACLs only in memory and never lists other users' mailboxes. Creates its table at start.
 */
public class AclKeepingMapperFactory extends JPAMailboxSessionMapperFactory {
  private final EntityManagerFactory entityManagerFactory;
  private final AclTable acls;

  @Inject
  public AclKeepingMapperFactory(EntityManagerFactory entityManagerFactory, JPAUidProvider uidProvider,
      JPAModSeqProvider modSeqProvider) {
    super(entityManagerFactory, uidProvider, modSeqProvider);
    this.entityManagerFactory = entityManagerFactory;
    this.acls = new AclTable(entityManagerFactory);
    acls.createIfMissing();
  }

  @Override
  public MailboxMapper createMailboxMapper(MailboxSession session) {
    return new AclKeepingMailboxMapper(new JPAMailboxMapper(entityManagerFactory), acls);
  }
}
