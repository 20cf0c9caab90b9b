package eu.sovereignmail.identity.provisioning;

import eu.sovereignmail.identity.provisioning.internal.AdminEventPoller;
import eu.sovereignmail.identity.provisioning.internal.MailSync;
import eu.sovereignmail.identity.provisioning.internal.ProvisioningState;
import eu.sovereignmail.identity.provisioning.internal.Reconciliation;
import eu.sovereignmail.identity.provisioning.internal.StateFile;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mail backend in step with Keycloak: users in managed domains get mailboxes, {@code mailAliases} aliases and
 * {@code mailQuota} quotas; groups with {@code mailList} become distribution lists and groups with
 * {@code sharedMailbox} team mailboxes; disabled or deleted users lose their logins at once. Three paths lead here, all
 * idempotent: pushed notices ({@link #changed}), the admin-events poller, and the periodic full reconcile, which also
 * reports drift. Everything runs on one provisioning thread, so the paths never race each other. Thread-safe.
 */
public final class Provisioner implements ChangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  private final IdentitySource source;
  private final MailDirectoryTarget target;
  private final ProvisioningSettings settings;
  private final Clock clock;
  private final StateFile stateFile;
  private final ProvisioningState state;
  private final MailSync sync;
  private final AdminEventPoller poller;
  private final ScheduledExecutorService thread;

  /** Loads the saved state (a first start polls from now: the first reconcile covers what came before). */
  public Provisioner(IdentitySource source, MailDirectoryTarget target, ProvisioningSettings settings,
      LoginRevoker revoker, ProvisioningAlerts alerts, Clock clock) throws IOException {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stateFile = new StateFile(settings.stateFile());
    ProvisioningState loaded = stateFile.load();
    if (loaded == null) {
      loaded = new ProvisioningState();
      loaded.pollFrom = clock.millis();
    }
    this.state = loaded;
    this.sync = new MailSync(settings, Objects.requireNonNull(revoker, "revoker"),
        Objects.requireNonNull(alerts, "alerts"), state);
    this.poller = new AdminEventPoller(source, state);
    this.thread = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("provisioning").factory());
  }

  /** Runs a reconcile now and then every reconcile interval, and the poller every poll interval. */
  public void start() {
    thread.scheduleWithFixedDelay(() -> guarded("reconcile", () -> runReconcile(true)), 0,
        settings.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(() -> guarded("poll", this::runPoll), settings.pollInterval().toMillis(),
        settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("event=provisioning.started domains={} reconcile_s={} poll_ms={} deletion_policy={} state={}",
        settings.managedDomains(), settings.reconcileInterval().toSeconds(), settings.pollInterval().toMillis(),
        settings.deletionPolicy(), settings.stateFile());
  }

  /** The push path: applies the notice on the provisioning thread; never throws. */
  @Override
  public void changed(ChangeNotice notice) {
    try {
      thread.execute(() -> guarded("push", () -> {
        apply(Set.of(notice), "push");
        return null;
      }));
    } catch (RejectedExecutionException e) {
      LOG.warn("event=provisioning.notice_dropped kind={} id={} reason=stopped", notice.kind(), notice.id());
    }
  }

  /** A full comparison; corrects every difference unless {@code dryRun}. Waits for the provisioning thread. */
  public DriftReport reconcile(boolean dryRun) throws IOException {
    return onThread(() -> runReconcile(!dryRun));
  }

  /** Polls the admin events once now (tests, and the CLI's sync, do not wait for the schedule). */
  public int pollNow() throws IOException {
    return onThread(this::runPoll);
  }

  /** Every Keycloak user in a managed domain, with whether the backend has the mailbox: {@code users list}. */
  public List<ProvisionedUser> list() throws IOException {
    return onThread(() -> {
      Set<String> mailboxes = target.users();
      return source.users().stream()
          .filter(u -> settings.manages(u.email()))
          .map(u -> new ProvisionedUser(u, mailboxes.contains(u.email())))
          .sorted(java.util.Comparator.comparing(p -> p.user().email()))
          .toList();
    });
  }

  /**
   * The enabled Keycloak user of a managed domain whose username or email is {@code login} (any case), asked of
   * Keycloak now: for admin actions on a named person, not for logins.
   */
  public Optional<MailUser> find(String login) throws IOException {
    return source.users().stream()
        .filter(u -> u.enabled() && settings.manages(u.email()))
        .filter(u -> u.username().equalsIgnoreCase(login) || u.email().equalsIgnoreCase(login))
        .findFirst();
  }

  /**
   * A Keycloak user and whether its mailbox exists.
   *
   * @param user what Keycloak says
   * @param mailbox true when the backend has the account
   */
  public record ProvisionedUser(MailUser user, boolean mailbox) {}

  public ProvisioningSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("event=provisioning.stop_slow");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private DriftReport runReconcile(boolean apply) throws IOException {
    long started = System.nanoTime();
    // Read Keycloak completely first: an unreachable Keycloak must never look like "everyone was deleted".
    List<MailUser> users = source.users();
    List<MailGroup> groups = source.groups();
    Reconciliation r = new Reconciliation(target, apply, "reconcile");
    Set<String> present = new HashSet<>();
    for (MailUser user : users) {
      present.add(user.id());
      sync.user(r, user);
    }
    for (String known : List.copyOf(state.users.keySet())) {
      if (!present.contains(known)) {
        sync.deleted(r, known);
      }
    }
    Set<String> presentGroups = new HashSet<>();
    for (MailGroup group : groups) {
      presentGroups.add(group.id());
      sync.group(r, group);
    }
    for (String known : knownGroups()) {
      if (!presentGroups.contains(known)) {
        sync.groupGone(r, known);
      }
    }
    sync.unexplained(r, users, groups);
    if (apply) {
      save();
    }
    DriftReport report = r.report(clock.instant());
    long drift = report.differences().stream().filter(d -> d.kind() != DriftReport.Kind.RETAINED).count();
    LOG.info("event=provisioning.reconciled applied={} users={} groups={} drift={} failures={} ms={}", apply,
        users.size(), groups.size(), drift, report.failures().size(), (System.nanoTime() - started) / 1_000_000);
    if (apply) {
      report.differences().stream().filter(d -> d.kind() != DriftReport.Kind.RETAINED).forEach(d ->
          LOG.warn("event=provisioning.drift kind={} subject={} detail={}", d.kind(), d.subject(), d.detail()));
    }
    return report;
  }

  private int runPoll() throws IOException {
    Set<ChangeNotice> notices = poller.poll();
    if (!notices.isEmpty()) {
      apply(notices, "poll");
    }
    save();
    return notices.size();
  }

  private Void apply(Set<ChangeNotice> notices, String trigger) throws IOException {
    long started = System.nanoTime();
    Reconciliation r = new Reconciliation(target, true, trigger);
    boolean groupsToo = false;
    for (ChangeNotice notice : notices) {
      switch (notice.kind()) {
        case REALM -> {
          runReconcile(true);
          return null;
        }
        case USER -> {
          Optional<MailUser> user = notice.operation() == ChangeNotice.Operation.DELETE
              ? Optional.empty() : source.user(notice.id());
          if (user.isPresent()) {
            sync.user(r, user.get());
          } else {
            sync.deleted(r, notice.id());
            groupsToo = true;
          }
        }
        case GROUP -> {
          Optional<MailGroup> group = notice.operation() == ChangeNotice.Operation.DELETE
              ? Optional.empty() : source.group(notice.id());
          if (group.isPresent()) {
            sync.group(r, group.get());
          } else {
            sync.groupGone(r, notice.id());
          }
        }
      }
    }
    if (groupsToo) {
      // A deleted user leaves no membership event behind: bring every list and shared mailbox up to date.
      for (MailGroup group : source.groups()) {
        sync.group(r, group);
      }
    }
    save();
    LOG.info("event=provisioning.applied trigger={} notices={} changes={} ms={}", trigger, notices.size(),
        r.differences().size(), (System.nanoTime() - started) / 1_000_000);
    return null;
  }

  private Set<String> knownGroups() {
    Set<String> known = new HashSet<>(state.lists.keySet());
    known.addAll(state.sharedMailboxes.keySet());
    return known;
  }

  private void save() throws IOException {
    stateFile.save(state);
  }

  private <T> T onThread(Callable<T> task) throws IOException {
    Future<T> future = thread.submit(task);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for provisioning", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("provisioning failed: " + e.getCause(), e.getCause());
    }
  }

  private static void guarded(String what, Callable<?> task) {
    try {
      task.call();
    } catch (Exception e) {
      LOG.warn("event=provisioning.{}_failed error={}", what, e.toString());
    }
  }
}
