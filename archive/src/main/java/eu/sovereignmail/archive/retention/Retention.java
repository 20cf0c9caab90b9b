package eu.sovereignmail.archive.retention;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.holds.HoldCheck;
import eu.sovereignmail.archive.retention.PurgeProposal.Status;
import eu.sovereignmail.archive.retention.internal.DueRule;
import eu.sovereignmail.archive.retention.internal.PurgeExecution;
import eu.sovereignmail.archive.retention.internal.RetentionTables;
import eu.sovereignmail.archive.sql.ArchiveSql;
import eu.sovereignmail.archive.search.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention with four eyes: legal-admins set how long mail of a domain or mailbox is kept; a scheduled job
 * only computes what is due; one legal-admin proposes a purge, a different one approves it, and only then
 * are messages deleted, never one a legal hold covers (asked again at execution). Each purged message
 * leaves a tombstone and its journal entries, so the chain still verifies. Every call checks the actor's
 * role itself and is recorded in the audit log before it takes effect.
 */
public final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  /** The role that manages retention and purges. */
  public static final String ADMIN_ROLE = "legal-admin";
  /** Largest explicit purge proposal. */
  public static final int MAX_EXPLICIT = 10_000;
  /** Messages asked about per {@link HoldCheck} call. */
  private static final int HOLD_CHECK_PAGE = 1_000;

  private final DataSource dataSource;
  private final HoldCheck holds;
  private final AuditSink audit;
  private final Clock clock;
  private final PurgeExecution execution;
  private ScheduledExecutorService scheduler;

  /**
   * @param dataSource the archive's pool (schema migrated)
   * @param blobs where purged blobs are deleted
   * @param holds asked at proposal and again at execution: held messages are never purged
   * @param index removes purged messages from the search index
   * @param audit records every change ({@code AuditLog::record})
   */
  public Retention(DataSource dataSource, BlobStore blobs, HoldCheck holds, IndexRemoval index, AuditSink audit,
      Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.execution = new PurgeExecution(dataSource, Objects.requireNonNull(blobs, "blobs"), holds,
        Objects.requireNonNull(index, "index"), clock);
  }

  // ---------------------------------------------------------------------------------------------- policies

  /** Sets (creates or replaces) the policy for {@code target}; audited as {@code retention.set}. */
  public RetentionPolicy setPolicy(Actor actor, RetentionPolicy.Scope scope, String target, Period keep) {
    requireAdmin(actor, "retention.set");
    RetentionPolicy policy = new RetentionPolicy(0, scope, target, keep, actor.name(), clock.instant());
    audit.record(actor, "retention.set", scope.name().toLowerCase(Locale.ROOT) + ":" + policy.target(), "keep=" + keep);
    RetentionPolicy stored = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.upsertPolicy(c, policy));
    LOG.info("event=retention.policy_set id={} scope={} target={} keep={} actor={}", stored.id(), scope, stored.target(),
        keep, actor.name());
    return stored;
  }

  /** Removes policy {@code policyId} (its mail is then kept until another policy covers it); {@code retention.remove}. */
  public void removePolicy(Actor actor, long policyId) {
    requireAdmin(actor, "retention.remove");
    RetentionPolicy policy = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.policy(c, policyId))
        .orElseThrow(() -> new IllegalArgumentException("no retention policy " + policyId));
    audit.record(actor, "retention.remove", "policy:" + policyId, policy.describe());
    ArchiveSql.inTransaction(dataSource, c -> RetentionTables.deletePolicy(c, policyId));
    LOG.info("event=retention.policy_removed id={} actor={}", policyId, actor.name());
  }

  public List<RetentionPolicy> policies(Actor actor) {
    requireAdmin(actor, "retention.view");
    return ArchiveSql.inTransaction(dataSource, RetentionTables::policies);
  }

  // ---------------------------------------------------------------------------------------------- what is due

  /**
   * The retention job's work: for every policy, the messages due now, recorded for {@link #due(Actor)}.
   * Deletes nothing. System use (the scheduler, tools): not audited, no actor.
   */
  public List<DueSummary> computeDue() {
    Instant now = clock.instant();
    long started = System.nanoTime();
    List<DueSummary> summaries = new ArrayList<>();
    List<RetentionPolicy> policies = ArchiveSql.inTransaction(dataSource, RetentionTables::policies);
    DueRule rule = new DueRule(policies);
    for (RetentionPolicy policy : policies) {
      List<Long> due = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.dueUnder(c, policy, rule, now));
      ArchiveSql.inTransaction(dataSource, c -> {
        RetentionTables.replaceDue(c, policy.id(), due, now);
        return null;
      });
      summaries.add(new DueSummary(policy.id(), due.size(), now));
      LOG.info("event=retention.due policy={} scope={} target={} keep={} due={}", policy.id(), policy.scope(),
          policy.target(), policy.keep(), due.size());
    }
    LOG.info("event=retention.due_done policies={} ms={}", policies.size(), (System.nanoTime() - started) / 1_000_000);
    return summaries;
  }

  /** Runs {@link #computeDue()} every {@code interval}, the first time after {@code firstAfter}, on a daemon thread. */
  public synchronized void scheduleDueJob(Duration firstAfter, Duration interval) {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("archive-retention").daemon(true)
        .factory());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        computeDue();
      } catch (RuntimeException e) {
        LOG.warn("event=retention.due_failed error=\"{}\"", e.toString());
      }
    }, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What the job last found due, per policy. */
  public List<DueSummary> due(Actor actor) {
    requireAdmin(actor, "retention.view");
    return ArchiveSql.inTransaction(dataSource, RetentionTables::dueSummaries);
  }

  // ---------------------------------------------------------------------------------------------- proposals

  /**
   * Proposes purging what policy {@code policyId} makes due now (computed afresh; messages a hold covers now
   * are left out); audited as {@code purge.propose}. Another legal-admin must approve it.
   *
   * @throws IllegalArgumentException when there is no such policy or nothing is due under it
   */
  public PurgeProposal proposePurge(Actor actor, long policyId) {
    requireAdmin(actor, "purge.propose");
    Instant now = clock.instant();
    List<RetentionPolicy> policies = ArchiveSql.inTransaction(dataSource, RetentionTables::policies);
    RetentionPolicy policy = policies.stream().filter(p -> p.id() == policyId).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no retention policy " + policyId));
    List<Long> due = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.dueUnder(c, policy, new DueRule(policies), now));
    return propose(actor, policyId, due, "retention " + policy.describe().substring("policy:".length()));
  }

  /**
   * Proposes purging the archived messages {@code archivedIds} (e.g. mail that should never have been
   * archived), with the reason the approver will read; audited as {@code purge.propose}.
   *
   * @throws IllegalArgumentException for unknown ids, an empty list or a blank reason
   */
  public PurgeProposal proposePurge(Actor actor, Collection<Long> archivedIds, String reason) {
    requireAdmin(actor, "purge.propose");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an explicit purge needs a reason");
    }
    Set<Long> ids = new TreeSet<>(archivedIds);
    if (ids.isEmpty() || ids.size() > MAX_EXPLICIT) {
      throw new IllegalArgumentException("an explicit purge names 1 to " + MAX_EXPLICIT + " messages");
    }
    Set<Long> existing = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.existing(c, ids));
    if (existing.size() != ids.size()) {
      Set<Long> unknown = new TreeSet<>(ids);
      unknown.removeAll(existing);
      throw new IllegalArgumentException("no archived message " + unknown);
    }
    return propose(actor, null, List.copyOf(ids), reason.strip());
  }

  private PurgeProposal propose(Actor actor, Long policyId, List<Long> candidates, String reason) {
    Set<Long> held = new HashSet<>();
    for (int from = 0; from < candidates.size(); from += HOLD_CHECK_PAGE) {
      held.addAll(holds.held(candidates.subList(from, Math.min(candidates.size(), from + HOLD_CHECK_PAGE))));
    }
    List<Long> ids = candidates.stream().filter(id -> !held.contains(id)).toList();
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(candidates.isEmpty() ? "nothing is due" : "every message named is under a legal hold");
    }
    String clipped = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    audit.record(actor, "purge.propose", policyId == null ? "messages" : "policy:" + policyId,
        "messages=" + ids.size() + " held_left_out=" + held.size() + " reason=" + clipped);
    long id = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.insertProposal(c, policyId, clipped, actor.name(),
        clock.instant(), ids));
    LOG.info("event=retention.proposed proposal={} policy={} messages={} held_left_out={} actor={}", id,
        policyId == null ? "none" : policyId, ids.size(), held.size(), actor.name());
    return find(id);
  }

  /**
   * Approves proposal {@code proposalId} and executes it: held messages are skipped, the rest purged with
   * tombstones. Audited as {@code purge.approve}, then {@code purge.execute} with the counts.
   *
   * @throws FourEyesException when {@code actor} proposed it
   * @throws IllegalStateException when it is not pending (already decided)
   */
  public PurgeOutcome approve(Actor actor, long proposalId) {
    requireAdmin(actor, "purge.approve");
    PurgeProposal proposal = find(proposalId);
    try {
      proposal.checkApprovableBy(actor.name());
    } catch (FourEyesException e) {
      audit.record(actor, "access.denied", "proposal:" + proposalId, "purge.approve by its proposer (four eyes)");
      throw e;
    }
    audit.record(actor, "purge.approve", "proposal:" + proposalId,
        "messages=" + proposal.messages() + " proposed_by=" + proposal.proposedBy());
    if (!ArchiveSql.inTransaction(dataSource, c -> RetentionTables.decide(c, proposalId, Status.PENDING, Status.APPROVED,
        actor.name(), clock.instant(), null))) {
      throw new IllegalStateException("purge proposal " + proposalId + " was decided meanwhile");
    }
    LOG.info("event=retention.approved proposal={} proposed_by={} approved_by={}", proposalId, proposal.proposedBy(),
        actor.name());
    return execute(actor, proposal.id(), proposal.proposedBy(), actor.name());
  }

  /** Rejects proposal {@code proposalId} (anyone with the role, the proposer too: withdrawing); {@code purge.reject}. */
  public PurgeProposal reject(Actor actor, long proposalId, String note) {
    requireAdmin(actor, "purge.reject");
    requirePending(find(proposalId));
    String clipped = note == null ? "" : note.length() > 2000 ? note.substring(0, 2000) : note;
    audit.record(actor, "purge.reject", "proposal:" + proposalId, clipped);
    if (!ArchiveSql.inTransaction(dataSource, c -> RetentionTables.decide(c, proposalId, Status.PENDING, Status.REJECTED,
        actor.name(), clock.instant(), clipped))) {
      throw new IllegalStateException("purge proposal " + proposalId + " was decided meanwhile");
    }
    LOG.info("event=retention.rejected proposal={} actor={}", proposalId, actor.name());
    return find(proposalId);
  }

  /** Every proposal, newest first. */
  public List<PurgeProposal> proposals(Actor actor) {
    requireAdmin(actor, "retention.view");
    return ArchiveSql.inTransaction(dataSource, c -> RetentionTables.proposals(c, null, null));
  }

  public Optional<PurgeProposal> proposal(Actor actor, long proposalId) {
    requireAdmin(actor, "retention.view");
    return ArchiveSql.inTransaction(dataSource, c -> RetentionTables.proposals(c, proposalId, null)).stream().findFirst();
  }

  /** The archived message ids a proposal names (one page, after {@code afterId}, in id order). */
  public List<Long> proposalMessages(Actor actor, long proposalId, long afterId, int limit) {
    requireAdmin(actor, "retention.view");
    int bounded = Math.max(1, Math.min(limit, 1_000));
    return ArchiveSql.inTransaction(dataSource, c -> RetentionTables.items(c, proposalId, null, afterId, bounded));
  }

  /** The tombstones an executed proposal left. */
  public List<Tombstone> tombstones(Actor actor, long proposalId) {
    requireAdmin(actor, "retention.view");
    return ArchiveSql.inTransaction(dataSource, c -> RetentionTables.tombstones(c, proposalId));
  }

  /**
   * Finishes approved proposals whose execution a stop interrupted (called once at start); each is audited
   * as {@code purge.execute} by its approver.
   */
  public List<PurgeOutcome> resumeApproved() {
    List<PurgeOutcome> outcomes = new ArrayList<>();
    for (PurgeProposal proposal : ArchiveSql.inTransaction(dataSource, c -> RetentionTables.proposals(c, null, Status.APPROVED))) {
      String approver = proposal.decidedBy().orElseThrow();
      LOG.info("event=retention.resume proposal={} approved_by={}", proposal.id(), approver);
      outcomes.add(execute(new Actor(approver, Set.of(ADMIN_ROLE)), proposal.id(), proposal.proposedBy(), approver));
    }
    return outcomes;
  }

  private PurgeOutcome execute(Actor actor, long proposalId, String proposedBy, String approvedBy) {
    long started = System.nanoTime();
    PurgeOutcome outcome = execution.execute(proposalId, proposedBy, approvedBy);
    audit.record(actor, "purge.execute", "proposal:" + proposalId, "purged=" + outcome.purged() + " held="
        + outcome.skippedHeld() + " gone=" + outcome.alreadyGone() + " blobs_deleted=" + outcome.blobsDeleted());
    LOG.info("event=retention.executed proposal={} purged={} held={} gone={} blobs_deleted={} ms={}", proposalId,
        outcome.purged(), outcome.skippedHeld(), outcome.alreadyGone(), outcome.blobsDeleted(),
        (System.nanoTime() - started) / 1_000_000);
    return outcome;
  }

  private PurgeProposal find(long proposalId) {
    return ArchiveSql.inTransaction(dataSource, c -> RetentionTables.proposals(c, proposalId, null)).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no purge proposal " + proposalId));
  }

  private static void requirePending(PurgeProposal proposal) {
    if (proposal.status() != Status.PENDING) {
      throw new IllegalStateException("purge proposal " + proposal.id() + " is " + proposal.status() + ", not PENDING");
    }
  }

  private void requireAdmin(Actor actor, String action) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.roles().contains(ADMIN_ROLE)) {
      audit.record(actor, "access.denied", action, "requires role " + ADMIN_ROLE);
      throw new AccessDeniedException(action, "", "requires role " + ADMIN_ROLE);
    }
  }

  /** Stops the retention job. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
