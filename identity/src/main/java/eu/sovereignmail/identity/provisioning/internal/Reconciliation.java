package eu.sovereignmail.identity.provisioning.internal;

import eu.sovereignmail.identity.provisioning.DriftReport;
import eu.sovereignmail.identity.provisioning.DriftReport.Difference;
import eu.sovereignmail.identity.provisioning.DriftReport.Kind;
import eu.sovereignmail.identity.provisioning.MailDirectoryTarget;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of provisioning against the backend: reads the backend's picture once (lazily), records every difference
 * found, and in apply mode corrects each at once, so a dry run and a real run walk exactly the same code. Used by one
 * thread at a time.
 */
public final class Reconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  /** A backend write. */
  @FunctionalInterface
  public interface Write {
    void run() throws IOException;
  }

  private final MailDirectoryTarget target;
  private final boolean apply;
  private final String trigger;
  private final List<Difference> differences = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private Set<String> domains;
  private Set<String> users;
  private Set<String> backendUsers;
  private Map<String, Set<String>> aliases;
  private Map<String, Set<String>> lists;

  /** {@code trigger} names what started it in the logs ({@code reconcile}, {@code poll}, {@code push}). */
  public Reconciliation(MailDirectoryTarget target, boolean apply, String trigger) {
    this.target = target;
    this.apply = apply;
    this.trigger = trigger;
  }

  public MailDirectoryTarget target() {
    return target;
  }

  public boolean applying() {
    return apply;
  }

  public Set<String> domains() throws IOException {
    if (domains == null) {
      domains = new HashSet<>(target.domains());
    }
    return domains;
  }

  public Set<String> users() throws IOException {
    if (users == null) {
      backendUsers = Set.copyOf(target.users());
      users = new HashSet<>(backendUsers);
    }
    return users;
  }

  /**
   * Whether the backend really has the account now (on a dry run, {@link #users()} also holds the accounts that would
   * have been created, which per-account reads such as the quota must not ask about).
   */
  public boolean exists(String user) throws IOException {
    return apply ? users().contains(user) : users().contains(user) && backendUsers.contains(user);
  }

  /** User → aliases; the sets are this pass's copies, kept current as changes are made. */
  public Map<String, Set<String>> aliases() throws IOException {
    if (aliases == null) {
      aliases = new HashMap<>();
      target.aliases().forEach((user, sources) -> aliases.put(user, new HashSet<>(sources)));
    }
    return aliases;
  }

  /** List → members; kept current as changes are made. */
  public Map<String, Set<String>> lists() throws IOException {
    if (lists == null) {
      lists = new HashMap<>();
      target.lists().forEach((list, members) -> lists.put(list, new HashSet<>(members)));
    }
    return lists;
  }

  /** Records a difference that needs no write (reported only). */
  public void note(Kind kind, String subject, String detail) {
    differences.add(new Difference(kind, subject, detail));
  }

  /**
   * Records a difference and, in apply mode, makes {@code write}; returns false when the write failed (logged, kept in
   * the report, the next reconcile tries again).
   */
  public boolean change(Kind kind, String subject, String detail, Write write) {
    differences.add(new Difference(kind, subject, detail));
    if (!apply) {
      return true;
    }
    try {
      write.run();
      if (trigger.equals("reconcile")) {
        // the reconcile logs each difference as drift once it is done
        LOG.debug("event=provisioning.changed trigger={} kind={} subject={} detail={}", trigger, kind, subject, detail);
      } else {
        LOG.info("event=provisioning.changed trigger={} kind={} subject={} detail={}", trigger, kind, subject, detail);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      failures.add(kind + " " + subject + " " + detail + ": " + e.getMessage());
      LOG.warn("event=provisioning.change_failed trigger={} kind={} subject={} detail={} error={}", trigger, kind,
          subject, detail, e.toString());
      return false;
    }
  }

  /** Records a backend read that failed (the object is skipped this pass). */
  public void failed(String what, Exception e) {
    failures.add(what + ": " + e.getMessage());
    LOG.warn("event=provisioning.read_failed trigger={} what={} error={}", trigger, what, e.toString());
  }

  public List<Difference> differences() {
    return List.copyOf(differences);
  }

  public DriftReport report(Instant at) {
    return new DriftReport(at, apply, differences, failures);
  }
}
