package eu.sovereignmail.identity.provisioning.internal;

import eu.sovereignmail.identity.provisioning.DeletionPolicy;
import eu.sovereignmail.identity.provisioning.DriftReport.Kind;
import eu.sovereignmail.identity.provisioning.LoginRevoker;
import eu.sovereignmail.identity.provisioning.MailDirectoryTarget;
import eu.sovereignmail.identity.provisioning.MailGroup;
import eu.sovereignmail.identity.provisioning.MailUser;
import eu.sovereignmail.identity.provisioning.ProvisioningAlerts;
import eu.sovereignmail.identity.provisioning.ProvisioningSettings;
import eu.sovereignmail.identity.provisioning.internal.ProvisioningState.KnownUser;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the backend match one Keycloak object (user, deleted user, group, deleted group) within a
 * {@link Reconciliation}: the single place that decides what to create, change or remove, whether the trigger is a
 * push, the poller or the full reconcile, so all three paths behave the same and stay idempotent. The state is changed
 * only when the reconciliation applies.
 */
public final class MailSync {
  private static final Logger LOG = LoggerFactory.getLogger(MailSync.class);

  private final ProvisioningSettings settings;
  private final LoginRevoker revoker;
  private final ProvisioningAlerts alerts;
  private final ProvisioningState state;

  public MailSync(ProvisioningSettings settings, LoginRevoker revoker, ProvisioningAlerts alerts,
      ProvisioningState state) {
    this.settings = settings;
    this.revoker = revoker;
    this.alerts = alerts;
    this.state = state;
  }

  /** Mailbox, domain, aliases, quota and login state of {@code user}. */
  public void user(Reconciliation r, MailUser user) {
    KnownUser known = state.users.get(user.id());
    if (!settings.manages(user.email())) {
      if (known != null) {
        retire(r, user.id(), known, "address moved to unmanaged " + user.email());
      }
      return;
    }
    String address = user.email();
    try {
      if (known != null && !known.address().equals(address)) {
        retire(r, user.id(), known, "address changed to " + address);
      }
      ensureDomain(r, user.domain());
      MailDirectoryTarget target = r.target();
      if (!r.users().contains(address)) {
        if (r.change(Kind.MISSING_IN_JAMES, address, "mailbox of " + user.username(), () -> target.addUser(address))) {
          r.users().add(address);
        }
      }
      if (r.applying()) {
        state.retained.remove(address);
      }
      aliases(r, user);
      quota(r, user);
    } catch (IOException e) {
      r.failed("backend view for " + address, e);
      return;
    }
    if (r.applying()) {
      boolean wasEnabled = known == null || known.enabled();
      if (!user.enabled() && wasEnabled) {
        LOG.info("event=provisioning.user_disabled user={} address={}", user.username(), address);
        revoker.revoke(user.username());
      }
      state.users.put(user.id(), new KnownUser(user.username(), address, user.enabled()));
    }
  }

  /** A user Keycloak no longer has: logins revoked, an alert, and the mailbox handled per the deletion policy. */
  public void deleted(Reconciliation r, String userId) {
    KnownUser known = state.users.get(userId);
    if (known == null) {
      return;
    }
    DeletionPolicy policy = settings.deletionPolicy();
    r.change(Kind.DELETED, known.address(), "user " + known.username() + " deleted; policy " + policy, () -> {
      revoker.revoke(known.username());
      if (policy == DeletionPolicy.REMOVE) {
        removeMailbox(r, known.address());
      }
    });
    if (r.applying()) {
      state.users.remove(userId);
      if (policy == DeletionPolicy.KEEP) {
        state.retained.add(known.address());
      }
      LOG.warn("event=provisioning.user_deleted user={} address={} policy={}", known.username(), known.address(), policy);
      alerts.alert("user-deleted", known.address(), "Keycloak user " + known.username() + " was deleted; logins are refused"
          + (policy == DeletionPolicy.KEEP ? " and the mailbox is kept (policy KEEP)" : " and the mailbox was removed (policy REMOVE)")
          + "; the archive keeps every message.");
    }
  }

  /** Distribution list and/or shared mailbox of {@code group}. */
  public void group(Reconciliation r, MailGroup group) {
    String knownList = state.lists.get(group.id());
    if (knownList != null && !group.mailList().map(knownList::equals).orElse(false)) {
      dropList(r, knownList);
      if (r.applying()) {
        state.lists.remove(group.id());
      }
    }
    String knownShared = state.sharedMailboxes.get(group.id());
    if (knownShared != null && !group.sharedMailbox().map(knownShared::equals).orElse(false)) {
      dropShared(r, knownShared);
      if (r.applying()) {
        state.sharedMailboxes.remove(group.id());
      }
    }
    Set<String> members = new TreeSet<>();
    for (String member : group.members()) {
      if (settings.manages(member)) {
        members.add(member);
      }
    }
    group.mailList().ifPresent(list -> list(r, group, list, members));
    group.sharedMailbox().ifPresent(mailbox -> shared(r, group, mailbox, members));
  }

  /** A group Keycloak no longer has (or that lost its mail attributes): its list emptied, its mailbox unshared. */
  public void groupGone(Reconciliation r, String groupId) {
    String list = state.lists.get(groupId);
    if (list != null) {
      dropList(r, list);
    }
    String shared = state.sharedMailboxes.get(groupId);
    if (shared != null) {
      dropShared(r, shared);
    }
    if (r.applying()) {
      state.lists.remove(groupId);
      state.sharedMailboxes.remove(groupId);
    }
  }

  /**
   * Notes (never removes) what the backend has in managed domains that nothing in Keycloak explains, and the mailboxes
   * kept after a deletion.
   */
  public void unexplained(Reconciliation r, Collection<MailUser> users, Collection<MailGroup> groups) {
    try {
      Set<String> explained = new HashSet<>();
      users.forEach(u -> explained.add(u.email()));
      groups.forEach(g -> g.sharedMailbox().ifPresent(explained::add));
      Set<String> lists = new HashSet<>();
      groups.forEach(g -> g.mailList().ifPresent(lists::add));
      for (String user : new TreeSet<>(r.users())) {
        if (!settings.manages(user) || explained.contains(user)) {
          continue;
        }
        if (state.retained.contains(user)) {
          r.note(Kind.RETAINED, user, "kept after its user was deleted");
        } else {
          r.note(Kind.NOT_IN_KEYCLOAK, user, "mailbox");
        }
      }
      for (var list : new TreeSet<>(r.lists().keySet())) {
        if (settings.manages(list) && !lists.contains(list) && !r.lists().get(list).isEmpty()) {
          r.note(Kind.NOT_IN_KEYCLOAK, list, "distribution list");
        }
      }
    } catch (IOException e) {
      r.failed("backend users", e);
    }
  }

  private void aliases(Reconciliation r, MailUser user) throws IOException {
    String address = user.email();
    MailDirectoryTarget target = r.target();
    Set<String> current = r.aliases().computeIfAbsent(address, a -> new HashSet<>());
    for (String alias : user.aliases()) {
      if (!settings.manages(alias)) {
        LOG.warn("event=provisioning.alias_skipped user={} alias={} reason=unmanaged_domain", user.username(), alias);
        continue;
      }
      if (!current.contains(alias)) {
        ensureDomain(r, domain(alias));
        if (r.change(Kind.ALIAS, address, "+" + alias, () -> target.addAlias(alias, address))) {
          current.add(alias);
        }
      }
    }
    for (String alias : new TreeSet<>(current)) {
      if (!user.aliases().contains(alias)) {
        if (r.change(Kind.ALIAS, address, "-" + alias, () -> target.removeAlias(alias, address))) {
          current.remove(alias);
        }
      }
    }
  }

  private void quota(Reconciliation r, MailUser user) throws IOException {
    String address = user.email();
    OptionalLong current = r.exists(address) ? r.target().quota(address) : OptionalLong.empty();
    if (!current.equals(user.quotaBytes())) {
      r.change(Kind.QUOTA, address, text(current) + " -> " + text(user.quotaBytes()),
          () -> r.target().setQuota(address, user.quotaBytes()));
    }
  }

  private void list(Reconciliation r, MailGroup group, String list, Set<String> members) {
    if (!settings.manages(list)) {
      LOG.warn("event=provisioning.list_skipped group={} list={} reason=unmanaged_domain", group.name(), list);
      return;
    }
    try {
      ensureDomain(r, domain(list));
      Set<String> current = r.lists().computeIfAbsent(list, l -> new HashSet<>());
      MailDirectoryTarget target = r.target();
      for (String member : members) {
        if (!current.contains(member)
            && r.change(Kind.LIST_MEMBER, list, "+" + member, () -> target.addListMember(list, member))) {
          current.add(member);
        }
      }
      for (String member : new TreeSet<>(current)) {
        if (!members.contains(member)
            && r.change(Kind.LIST_MEMBER, list, "-" + member, () -> target.removeListMember(list, member))) {
          current.remove(member);
        }
      }
      if (r.applying()) {
        state.lists.put(group.id(), list);
      }
    } catch (IOException e) {
      r.failed("list " + list, e);
    }
  }

  private void shared(Reconciliation r, MailGroup group, String mailbox, Set<String> members) {
    MailDirectoryTarget target = r.target();
    if (!settings.manages(mailbox)) {
      LOG.warn("event=provisioning.shared_skipped group={} mailbox={} reason=unmanaged_domain", group.name(), mailbox);
      return;
    }
    if (!target.supportsSharedMailboxes()) {
      LOG.warn("event=provisioning.shared_skipped group={} mailbox={} reason=no_backend_imap_administrator",
          group.name(), mailbox);
      return;
    }
    try {
      ensureDomain(r, domain(mailbox));
      if (!r.users().contains(mailbox)) {
        if (r.change(Kind.MISSING_IN_JAMES, mailbox, "shared mailbox of group " + group.name(),
            () -> target.addUser(mailbox))) {
          r.users().add(mailbox);
        }
      }
      Set<String> current = r.exists(mailbox) ? new TreeSet<>(target.sharedMailboxMembers(mailbox)) : new TreeSet<>();
      Set<String> wanted = new TreeSet<>(members);
      wanted.remove(mailbox);
      for (String member : wanted) {
        if (!current.contains(member)) {
          r.change(Kind.SHARED_MEMBER, mailbox, "+" + member, () -> target.grantSharedMailbox(mailbox, member));
        }
      }
      for (String member : current) {
        if (!wanted.contains(member)) {
          r.change(Kind.SHARED_MEMBER, mailbox, "-" + member, () -> target.revokeSharedMailbox(mailbox, member));
        }
      }
      if (r.applying()) {
        state.sharedMailboxes.put(group.id(), mailbox);
        state.retained.remove(mailbox);
      }
    } catch (IOException e) {
      r.failed("shared mailbox " + mailbox, e);
    }
  }

  private void dropList(Reconciliation r, String list) {
    try {
      Set<String> current = r.lists().getOrDefault(list, Set.of());
      for (String member : new TreeSet<>(current)) {
        if (r.change(Kind.LIST_MEMBER, list, "-" + member, () -> r.target().removeListMember(list, member))) {
          current.remove(member);
        }
      }
    } catch (IOException e) {
      r.failed("list " + list, e);
    }
  }

  private void dropShared(Reconciliation r, String mailbox) {
    MailDirectoryTarget target = r.target();
    if (!target.supportsSharedMailboxes()) {
      return;
    }
    try {
      if (!r.exists(mailbox)) {
        return;
      }
      for (String member : new TreeSet<>(target.sharedMailboxMembers(mailbox))) {
        r.change(Kind.SHARED_MEMBER, mailbox, "-" + member, () -> target.revokeSharedMailbox(mailbox, member));
      }
      if (r.applying()) {
        // The team's mail stays: the account is kept like a deleted user's under KEEP.
        state.retained.add(mailbox);
      }
    } catch (IOException e) {
      r.failed("shared mailbox " + mailbox, e);
    }
  }

  /** The old mailbox of a user whose address changed: handled like a deletion, without revoking the user's logins. */
  private void retire(Reconciliation r, String userId, KnownUser known, String reason) {
    DeletionPolicy policy = settings.deletionPolicy();
    r.change(Kind.DELETED, known.address(), reason + "; policy " + policy, () -> {
      if (policy == DeletionPolicy.REMOVE) {
        removeMailbox(r, known.address());
      }
    });
    if (r.applying()) {
      if (policy == DeletionPolicy.KEEP) {
        state.retained.add(known.address());
      }
      state.users.remove(userId);
      alerts.alert("user-address-changed", known.address(), "Keycloak user " + known.username() + ": " + reason
          + "; the old mailbox is " + (policy == DeletionPolicy.KEEP ? "kept" : "removed") + ".");
    }
  }

  private static void removeMailbox(Reconciliation r, String address) throws IOException {
    MailDirectoryTarget target = r.target();
    Map<String, Set<String>> aliases = r.aliases();
    for (String alias : new TreeSet<>(aliases.getOrDefault(address, Set.of()))) {
      target.removeAlias(alias, address);
    }
    aliases.remove(address);
    target.removeUser(address);
    r.users().remove(address);
  }

  private static void ensureDomain(Reconciliation r, String domain) throws IOException {
    if (!r.domains().contains(domain)
        && r.change(Kind.DOMAIN, domain, "domain", () -> r.target().addDomain(domain))) {
      r.domains().add(domain);
    }
  }

  private static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static String text(OptionalLong bytes) {
    return bytes.isPresent() ? Long.toString(bytes.getAsLong()) : "none";
  }
}
