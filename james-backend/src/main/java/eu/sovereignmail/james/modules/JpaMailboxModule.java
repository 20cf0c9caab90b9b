package eu.sovereignmail.james.modules;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import eu.sovereignmail.james.acl.AclKeepingMapperFactory;
import eu.sovereignmail.james.delegation.AdministratorDelegation;
import eu.sovereignmail.james.shared.SharedFolders;
import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.acl.MailboxACLResolver;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.mailbox.jpa.JPAAttachmentContentLoader;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMailboxManager;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.JVMMailboxPathLocker;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.MailboxManagerDefinition;
import org.apache.mailbox.tools.indexer.ReIndexerImpl;

/**
 * Mailboxes and messages in the database through OpenJPA. Replaces upstream's JPAMailboxModule
 * (unpublished james-server-guice-mailbox-jpa). Delegated logins (IMAP AUTHENTICATE PLAIN with an
 * authorization identity) go through {@link AdministratorDelegation}: only the users repository's
 * {@code administratorId} may act as another, existing user (upstream's rule, one database query fewer per login). IMAP ACLs are kept in the database
 * ({@link AclKeepingMapperFactory}) and mailboxes shared with a logged-in user appear in that user's folder list
 * ({@link SharedFolders}).
 */
public final class JpaMailboxModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new JpaQuotaModule());

    // ACLs kept in MariaDB (James 3.8.1's JPA mapper keeps them in memory only): shared mailboxes.
    bind(AclKeepingMapperFactory.class).in(Scopes.SINGLETON);
    bind(JPAMailboxSessionMapperFactory.class).to(AclKeepingMapperFactory.class);
    bind(OpenJPAMailboxManager.class).in(Scopes.SINGLETON);
    bind(JVMMailboxPathLocker.class).in(Scopes.SINGLETON);
    bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
    bind(JPAModSeqProvider.class).in(Scopes.SINGLETON);
    bind(JPAUidProvider.class).in(Scopes.SINGLETON);
    bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
    bind(AdministratorDelegation.class).in(Scopes.SINGLETON);
    bind(JPAId.Factory.class).in(Scopes.SINGLETON);
    bind(UnionMailboxACLResolver.class).in(Scopes.SINGLETON);
    bind(DefaultMessageId.Factory.class).in(Scopes.SINGLETON);
    bind(NaiveThreadIdGuessingAlgorithm.class).in(Scopes.SINGLETON);
    bind(ReIndexerImpl.class).in(Scopes.SINGLETON);
    bind(SessionProviderImpl.class).in(Scopes.SINGLETON);

    bind(SubscriptionMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
    bind(MessageMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
    bind(MailboxMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
    bind(MailboxSessionMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
    bind(MessageId.Factory.class).to(DefaultMessageId.Factory.class);
    bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);
    bind(ModSeqProvider.class).to(JPAModSeqProvider.class);
    bind(UidProvider.class).to(JPAUidProvider.class);
    bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
    bind(MailboxPathLocker.class).to(JVMMailboxPathLocker.class);
    bind(Authenticator.class).to(UserRepositoryAuthenticator.class);
    bind(Authorizator.class).to(AdministratorDelegation.class);
    bind(StoreMailboxManager.class).to(OpenJPAMailboxManager.class);
    bind(SessionProvider.class).to(SessionProviderImpl.class);
    bind(MailboxId.Factory.class).to(JPAId.Factory.class);
    bind(MailboxACLResolver.class).to(UnionMailboxACLResolver.class);
    bind(AttachmentContentLoader.class).to(JPAAttachmentContentLoader.class);
    bind(ReIndexer.class).to(ReIndexerImpl.class);

    Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class).addBinding().to(JpaMailboxManagerDefinition.class);
    Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
        .addBinding().to(MailboxAnnotationListener.class);
    bind(MailboxManager.class).annotatedWith(com.google.inject.name.Names.named(org.apache.james.modules.Names.MAILBOXMANAGER_NAME))
        .to(MailboxManager.class);
    bind(MailboxManagerConfiguration.class).toInstance(MailboxManagerConfiguration.DEFAULT);

    Multibinder<UsernameChangeTaskStep> renameSteps = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
    renameSteps.addBinding().to(MailboxUsernameChangeTaskStep.class);
    renameSteps.addBinding().to(ACLUsernameChangeTaskStep.class);
    renameSteps.addBinding().to(QuotaUsernameChangeTaskStep.class);
  }

  /**
   * The mailbox manager every part of James gets: the JPA one, with the mailboxes shared with a logged-in user shown
   * in that user's folder list (James 3.8.1's IMAP cannot name another user's mailbox otherwise).
   */
  @Provides
  @Singleton
  MailboxManager mailboxManager(OpenJPAMailboxManager jpa) {
    return SharedFolders.view(jpa);
  }

  /** Names the JPA mailbox manager for the probes and routes that look managers up by definition. */
  @Singleton
  static final class JpaMailboxManagerDefinition extends MailboxManagerDefinition {
    @Inject
    JpaMailboxManagerDefinition(OpenJPAMailboxManager manager) {
      super("jpa-mailboxmanager", manager);
    }
  }
}
