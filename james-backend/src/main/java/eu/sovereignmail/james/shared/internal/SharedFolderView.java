package eu.sovereignmail.james.shared.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxManager.MailboxSearchFetchType;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import reactor.core.publisher.Flux;

/**
 * Puts the mailboxes shared with a logged-in user into that user's own folder list, under the names of
 * {@link SharedFolderNames}, around the real mailbox manager: every mailbox path (or mailbox) argument that is such a
 * name is replaced by the owner's real path before the call, so the mailbox store checks the member's RFC 4314 rights
 * against the real mailbox (lookup, read, insert, delete...; never the owner's rights), and mailbox searches (IMAP
 * LIST, LSUB, STATUS of listed mailboxes) also return the shared mailboxes under those names. Sessions without a
 * login (the server's own system sessions: delivery, WebAdmin) see the manager unchanged.
 */
public final class SharedFolderView implements InvocationHandler {
  private final MailboxManager manager;

  public SharedFolderView(MailboxManager manager) {
    this.manager = manager;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(manager, args);
    }
    Optional<MailboxSession> session = loggedIn(args);
    if (session.isEmpty()) {
      return call(method, args);
    }
    if (method.getName().equals("search") && args.length >= 2 && args[0] instanceof MailboxQuery query) {
      MailboxSearchFetchType fetchType = args.length == 3 ? (MailboxSearchFetchType) args[1] : MailboxSearchFetchType.Counters;
      return search(query, fetchType, session.get());
    }
    Username member = session.get().getUser();
    char delimiter = session.get().getPathDelimiter();
    Object[] real = args.clone();
    for (int i = 0; i < real.length; i++) {
      if (real[i] instanceof MailboxPath path) {
        real[i] = SharedFolderNames.toOwner(path, member, delimiter).orElse(path);
      } else if (real[i] instanceof Mailbox mailbox) {
        real[i] = realMailbox(mailbox, member, delimiter);
      }
    }
    return call(method, real);
  }

  /** The member's own mailboxes that match, then the shared ones whose member-side name matches. */
  private Flux<MailboxMetaData> search(MailboxQuery query, MailboxSearchFetchType fetchType, MailboxSession session) {
    Username member = session.getUser();
    char delimiter = session.getPathDelimiter();
    MailboxQuery everythingVisible = MailboxQuery.builder().privateNamespace().matchesAllMailboxNames().build();
    Flux<MailboxMetaData> shared = manager.search(everythingVisible, fetchType, session)
        .filter(metaData -> metaData.getPath().getUser() != null && !metaData.getPath().belongsTo(session))
        .map(metaData -> asMember(metaData, member, delimiter))
        .filter(metaData -> query.isPathMatch(metaData.getPath()));
    return Flux.concat(manager.search(query, fetchType, session), shared).sort(MailboxMetaData.COMPARATOR);
  }

  private static MailboxMetaData asMember(MailboxMetaData metaData, Username member, char delimiter) {
    Mailbox real = metaData.getMailbox();
    Mailbox named = new Mailbox(SharedFolderNames.toMember(real.generateAssociatedPath(), member, delimiter),
        real.getUidValidity(), real.getMailboxId());
    named.setACL(real.getACL());
    return new MailboxMetaData(named, delimiter, metaData.inferiors(), metaData.getSelectability(),
        metaData.getResolvedAcls(), metaData.getCounters());
  }

  /** The mailbox under its owner's real path when it carries a shared-folder name (from a search above). */
  private static Mailbox realMailbox(Mailbox mailbox, Username member, char delimiter) {
    return SharedFolderNames.toOwner(mailbox.generateAssociatedPath(), member, delimiter)
        .map(path -> {
          Mailbox real = new Mailbox(path, mailbox.getUidValidity(), mailbox.getMailboxId());
          real.setACL(mailbox.getACL());
          return real;
        })
        .orElse(mailbox);
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(manager, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Optional<MailboxSession> loggedIn(Object[] args) {
    if (args == null) {
      return Optional.empty();
    }
    for (Object arg : args) {
      if (arg instanceof MailboxSession session) {
        return session.getLoggedInUser().isPresent() && session.getUser() != null ? Optional.of(session) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
