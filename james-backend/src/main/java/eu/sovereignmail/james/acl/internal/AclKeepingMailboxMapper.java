package eu.sovereignmail.james.acl.internal;

import java.util.List;
import java.util.Map;
import org.apache.james.core.Username;
import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James 3.8.1's JPA mailbox mapper with durable ACLs: {@code updateACL}/{@code setACL} write {@link AclTable} (upstream
 * only changes the object in memory), every mailbox it returns carries its stored ACL, {@code findNonPersonalMailboxes}
 * answers from the table (upstream returns nothing), and {@code delete} removes the mailbox's rows in the same
 * transaction. Everything else is the JPA mapper's own behaviour, transactions included.
 */
public final class AclKeepingMailboxMapper implements MailboxMapper {
  private final JPAMailboxMapper jpa;
  private final AclTable acls;

  public AclKeepingMailboxMapper(JPAMailboxMapper jpa, AclTable acls) {
    this.jpa = jpa;
    this.acls = acls;
  }

  @Override
  public Mono<Mailbox> create(MailboxPath mailboxPath, UidValidity uidValidity) {
    return jpa.create(mailboxPath, uidValidity);
  }

  @Override
  public Mono<MailboxId> rename(Mailbox mailbox) {
    return jpa.rename(mailbox);
  }

  @Override
  public Mono<Void> delete(Mailbox mailbox) {
    return Mono.fromRunnable(() -> {
          // Inside StoreMailboxManager's transaction on the JPA mapper's entity manager; otherwise the foreign key's
          // cascade removes the rows with the mailbox.
          if (jpa.getEntityManager().getTransaction().isActive()) {
            acls.delete(jpa.getEntityManager(), id(mailbox.getMailboxId()));
          }
        })
        .subscribeOn(Schedulers.boundedElastic())
        .then(jpa.delete(mailbox));
  }

  @Override
  public Mono<Mailbox> findMailboxByPath(MailboxPath mailboxName) {
    return jpa.findMailboxByPath(mailboxName).flatMap(this::withAcl);
  }

  @Override
  public Mono<Mailbox> findMailboxById(MailboxId mailboxId) {
    return jpa.findMailboxById(mailboxId).flatMap(this::withAcl);
  }

  @Override
  public Flux<Mailbox> findNonPersonalMailboxes(Username userName, MailboxACL.Right right) {
    return Mono.fromCallable(() -> acls.mailboxesSharedWith(jpa.getEntityManager(), userName))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapIterable(ids -> ids)
        .concatMap(id -> jpa.findMailboxById(JPAId.of(id)).onErrorResume(MailboxException.class, e -> Mono.empty()))
        .collectList()
        .flatMapIterable(this::attachAcls)
        .filter(mailbox -> !mailbox.getUser().equals(userName) && hasRight(mailbox.getACL(), userName, right));
  }

  @Override
  public Flux<Mailbox> findMailboxWithPathLike(MailboxQuery.UserBound query) {
    return jpa.findMailboxWithPathLike(query).collectList().flatMapIterable(this::attachAcls);
  }

  @Override
  public Mono<Boolean> hasChildren(Mailbox mailbox, char delimiter) {
    return jpa.hasChildren(mailbox, delimiter);
  }

  @Override
  public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand mailboxACLCommand) {
    return write(mailbox, stored -> stored.apply(mailboxACLCommand));
  }

  @Override
  public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL mailboxACL) {
    return write(mailbox, stored -> mailboxACL);
  }

  @Override
  public Flux<Mailbox> list() {
    return jpa.list().collectList().flatMapIterable(this::attachAcls);
  }

  @Override
  public void endRequest() {
    jpa.endRequest();
  }

  @Override
  public <T> T execute(Transaction<T> transaction) throws MailboxException {
    return jpa.execute(transaction);
  }

  @Override
  public <T> Mono<T> executeReactive(Mono<T> transaction) {
    return jpa.executeReactive(transaction);
  }

  private Mono<ACLDiff> write(Mailbox mailbox, AclTable.AclChange change) {
    return Mono.fromCallable(() -> {
          AclTable.Change written = acls.update(id(mailbox.getMailboxId()), change);
          mailbox.setACL(written.after());
          return ACLDiff.computeDiff(written.before(), written.after());
        })
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(e -> !(e instanceof MailboxException),
            e -> new MailboxException("ACL of mailbox " + mailbox.getMailboxId().serialize() + " not written", e));
  }

  private Mono<Mailbox> withAcl(Mailbox mailbox) {
    return Mono.fromCallable(() -> attachAcls(List.of(mailbox)).get(0)).subscribeOn(Schedulers.boundedElastic());
  }

  private List<Mailbox> attachAcls(List<Mailbox> mailboxes) {
    Map<Long, MailboxACL> stored = acls.read(jpa.getEntityManager(),
        mailboxes.stream().map(mailbox -> id(mailbox.getMailboxId())).toList());
    mailboxes.forEach(mailbox -> mailbox.setACL(stored.get(id(mailbox.getMailboxId()))));
    return mailboxes;
  }

  static boolean hasRight(MailboxACL acl, Username user, MailboxACL.Right right) {
    MailboxACL.Rfc4314Rights rights = acl.getEntries().get(MailboxACL.EntryKey.createUserEntryKey(user));
    return rights != null && rights.contains(right);
  }

  private static long id(MailboxId id) {
    return ((JPAId) id).getRawId();
  }
}
