package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.audit.AccessRules;
import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFormat;
import eu.sovereignmail.archive.audit.AuditLog;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.cases.CaseNote;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.cases.SavedSearch;
import eu.sovereignmail.archive.export.Exports;
import eu.sovereignmail.archive.export.QueryResolver;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.archive.holds.HoldNotFoundException;
import eu.sovereignmail.archive.holds.Holds;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.retention.Retention;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.AuditEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The archive's legal parts for HTTP unit tests: in-memory cases, holds and audit log that apply the archive's access
 * rules (AccessRules) and record what they were asked; retention and exports are the real classes over a database
 * that is never there (the role checks in front of them must refuse before any query).
 */
public final class FakeLegal {
  public static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");

  public final List<String> recorded = new CopyOnWriteArrayList<>();
  public final Map<Long, LegalCase> cases = new LinkedHashMap<>();
  /** The addresses each archived message involves, for the read scope of legal users (tests fill it). */
  public final Map<Long, Set<String>> messageAddresses = new java.util.concurrent.ConcurrentHashMap<>();
  final Map<Long, Hold> holds = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  public final LegalParts parts;

  public FakeLegal(Path dir) throws IOException {
    DataSource none = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          throw new SQLException("no database in a unit test");
        });
    BlobStore blobs = (BlobStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BlobStore.class},
        (proxy, method, args) -> {
          throw new IOException("no blobs in a unit test");
        });
    AuditLog audit = new Audit();
    CasesFake cases = new CasesFake();
    parts = new LegalParts(audit, cases, new HoldsFake(cases),
        new Retention(none, blobs, ids -> Set.of(), ids -> {}, audit::record, Clock.systemUTC()),
        new Exports(none, blobs, CheckpointKey.loadOrCreate(dir.resolve("checkpoint.key")), dir.resolve("exports"),
            cases::permits, QueryResolver.unlimited(q -> Set.of()), audit::record, Clock.systemUTC()));
  }

  public LegalCase add(String name, String... members) {
    long id = ids.incrementAndGet();
    LegalCase c = new LegalCase(id, name, "", CaseStatus.OPEN, members[0], AT, List.of(members), List.of(), List.of(),
        List.of());
    cases.put(id, c);
    return c;
  }

  private final class Audit implements AuditLog {
    @Override
    public AuditEntry record(Actor actor, String action, String target, String detail) {
      recorded.add(actor.name() + " " + action + " " + target + " " + detail);
      return new AuditEntry(recorded.size(), AT, actor.name(), List.copyOf(actor.roles()), actor.origin(), action,
          target, detail, "0".repeat(64), "a".repeat(64));
    }

    @Override
    public void record(AuditEvent event) {
      recorded.add(event.toString());
    }

    @Override
    public AuditPage list(Actor actor, AuditQuery query) {
      requireAdmin(actor, "audit.view", "audit");
      record(actor, "audit.view", "audit", "actor=" + query.actor() + " action=" + query.action() + " page="
          + query.page() + " size=" + query.pageSize());
      return new AuditPage(1, query.page(), query.pageSize(), List.of(new AuditEntry(7, AT, "lea", List.of("legal"),
          "127.0.0.1", "case.create", "case:1", "name=\"Matter\"", "0".repeat(64), "b".repeat(64))));
    }

    @Override
    public long export(Actor actor, AuditQuery filter, AuditFormat format, OutputStream out) throws IOException {
      requireAdmin(actor, "audit.export", "audit");
      out.write((format == AuditFormat.CSV ? "seq,at,actor\n7,2025-03-01T09:00:00Z,lea\n" : "[{\"seq\":7}]")
          .getBytes(StandardCharsets.UTF_8));
      return 1;
    }

    @Override
    public AuditVerifyReport verify() {
      return new AuditVerifyReport(recorded.size(), Optional.empty());
    }

    @Override
    public AccessDeniedException deny(Actor actor, String action, String target, String reason) {
      record(actor, "access.denied", target, action + ": " + reason);
      return new AccessDeniedException(action, target, reason);
    }
  }

  private final class CasesFake implements Cases {
    private LegalCase visible(Actor actor, long id, String action) {
      parts.audit().requireLegal(actor, action, "case:" + id);
      LegalCase c = cases.get(id);
      if (c == null && AccessRules.isAdmin(actor)) {
        throw new CaseNotFoundException(id);
      }
      var refusal = AccessRules.refusalForCase(actor, c == null ? List.of() : c.members());
      if (refusal.isPresent()) {
        throw parts.audit().deny(actor, action, "case:" + id, refusal.get());
      }
      return c;
    }

    private LegalCase change(Actor actor, long id, java.util.function.UnaryOperator<LegalCase> change) {
      LegalCase c = change.apply(visible(actor, id, "case.update"));
      cases.put(id, c);
      parts.audit().record(actor, "case.update", "case:" + id, "");
      return c;
    }

    @Override
    public LegalCase create(Actor actor, String name, String description) {
      parts.audit().requireLegal(actor, "case.create", "case");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name is required");
      }
      LegalCase added = add(name, actor.name());
      LegalCase c = new LegalCase(added.id(), name, description == null ? "" : description, CaseStatus.OPEN,
          actor.name(), AT, added.members(), List.of(), List.of(), List.of());
      cases.put(c.id(), c);
      parts.audit().record(actor, "case.create", "case:" + c.id(), "name=\"" + name + "\"");
      return c;
    }

    @Override
    public LegalCase get(Actor actor, long caseId) {
      return visible(actor, caseId, "case.view");
    }

    @Override
    public Optional<Set<String>> custodianScope(Actor actor, String action) {
      if (AccessRules.isAdmin(actor) || !AccessRules.isLegal(actor)) {
        return Optional.empty();
      }
      Set<String> custodians = new java.util.TreeSet<>();
      cases.values().stream().filter(c -> c.status() == CaseStatus.OPEN)
          .filter(c -> AccessRules.refusalForCase(actor, c.members()).isEmpty())
          .forEach(c -> c.custodians().forEach(a -> custodians.add(a.toLowerCase(java.util.Locale.ROOT))));
      if (custodians.isEmpty()) {
        throw parts.audit().deny(actor, action, "archive", "no open case with custodians");
      }
      return Optional.of(custodians);
    }

    @Override
    public Set<Long> readable(Actor actor, Collection<Long> messageIds, String action) {
      var scope = custodianScope(actor, action);
      return messageIds.stream().filter(id -> scope.isEmpty() || messageAddresses.getOrDefault(id, Set.of()).stream()
          .anyMatch(scope.get()::contains)).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void requireReadable(Actor actor, long messageId, String action) {
      var scope = custodianScope(actor, action);
      Set<String> addresses = messageAddresses.get(messageId); // null: no such message, the caller says not found
      if (scope.isPresent() && addresses != null && addresses.stream().noneMatch(scope.get()::contains)) {
        throw parts.audit().deny(actor, action, "message:" + messageId, "outside the custodians of your cases");
      }
    }

    @Override
    public List<LegalCase> list(Actor actor) {
      parts.audit().requireLegal(actor, "case.list", "case");
      return cases.values().stream().filter(c -> AccessRules.refusalForCase(actor, c.members()).isEmpty()).toList();
    }

    @Override
    public LegalCase update(Actor actor, long caseId, String name, String description, CaseStatus status) {
      return change(actor, caseId, c -> new LegalCase(c.id(), name, description, status, c.createdBy(), c.createdAt(),
          c.members(), c.custodians(), c.savedSearches(), c.notes()));
    }

    @Override
    public LegalCase addMember(Actor actor, long caseId, String username) {
      return change(actor, caseId, c -> with(c, plus(c.members(), username), c.custodians(), c.savedSearches(),
          c.notes()));
    }

    @Override
    public LegalCase removeMember(Actor actor, long caseId, String username) {
      return change(actor, caseId, c -> with(c, minus(c.members(), username), c.custodians(), c.savedSearches(),
          c.notes()));
    }

    @Override
    public LegalCase addCustodian(Actor actor, long caseId, String address) {
      if (address == null || !address.contains("@")) {
        throw new IllegalArgumentException("address: not a mail address: " + address);
      }
      return change(actor, caseId, c -> with(c, c.members(), plus(c.custodians(), address), c.savedSearches(),
          c.notes()));
    }

    @Override
    public LegalCase removeCustodian(Actor actor, long caseId, String address) {
      return change(actor, caseId, c -> with(c, c.members(), minus(c.custodians(), address), c.savedSearches(),
          c.notes()));
    }

    @Override
    public LegalCase saveSearch(Actor actor, long caseId, String name, String query) {
      return change(actor, caseId, c -> {
        List<SavedSearch> searches = new ArrayList<>(c.savedSearches());
        searches.add(new SavedSearch(ids.incrementAndGet(), name, query, actor.name(), AT));
        return with(c, c.members(), c.custodians(), searches, c.notes());
      });
    }

    @Override
    public LegalCase removeSearch(Actor actor, long caseId, long savedSearchId) {
      return change(actor, caseId, c -> with(c, c.members(), c.custodians(),
          c.savedSearches().stream().filter(s -> s.id() != savedSearchId).toList(), c.notes()));
    }

    @Override
    public LegalCase addNote(Actor actor, long caseId, String text) {
      return change(actor, caseId, c -> {
        List<CaseNote> notes = new ArrayList<>(c.notes());
        notes.add(new CaseNote(ids.incrementAndGet(), actor.name(), AT, text));
        return with(c, c.members(), c.custodians(), c.savedSearches(), notes);
      });
    }

    @Override
    public void requireAccess(Actor actor, long caseId, String action) {
      visible(actor, caseId, action);
    }

    @Override
    public boolean permits(Actor actor, long caseId) {
      LegalCase c = cases.get(caseId);
      return c != null && AccessRules.refusalForCase(actor, c.members()).isEmpty();
    }

    private static LegalCase with(LegalCase c, List<String> members, List<String> custodians,
        List<SavedSearch> searches, List<CaseNote> notes) {
      return new LegalCase(c.id(), c.name(), c.description(), c.status(), c.createdBy(), c.createdAt(), members,
          custodians, searches, notes);
    }

    private static List<String> plus(List<String> list, String value) {
      Set<String> out = new java.util.LinkedHashSet<>(list);
      out.add(value.toLowerCase(java.util.Locale.ROOT));
      return List.copyOf(out);
    }

    private static List<String> minus(List<String> list, String value) {
      return list.stream().filter(v -> !v.equalsIgnoreCase(value)).toList();
    }
  }

  private final class HoldsFake implements Holds {
    private final CasesFake cases;

    HoldsFake(CasesFake cases) {
      this.cases = cases;
    }

    @Override
    public Hold placeCustodianHold(Actor actor, long caseId, String address, Optional<LocalDate> from,
        Optional<LocalDate> to) {
      return place(actor, new Hold(ids.incrementAndGet(), caseId, HoldKind.CUSTODIAN, address, from.orElse(null),
          to.orElse(null), null, actor.name(), AT, null, null, null));
    }

    @Override
    public Hold placeQueryHold(Actor actor, long caseId, String query) {
      return place(actor, new Hold(ids.incrementAndGet(), caseId, HoldKind.QUERY, null, null, null, query,
          actor.name(), AT, null, null, null));
    }

    private Hold place(Actor actor, Hold hold) {
      LegalCase c = cases.visible(actor, hold.caseId(), "hold.place");
      if (c.status() == CaseStatus.CLOSED) {
        throw new IllegalStateException("case " + c.id() + " is closed");
      }
      holds.put(hold.id(), hold);
      parts.audit().record(actor, "hold.place", "case:" + hold.caseId(), "hold=" + hold.id());
      return hold;
    }

    @Override
    public Hold release(Actor actor, long holdId, String reason) {
      parts.audit().requireAdmin(actor, "hold.release", "hold:" + holdId);
      Hold h = holds.get(holdId);
      if (h == null) {
        throw new HoldNotFoundException(holdId);
      }
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("reason is required");
      }
      Hold released = new Hold(h.id(), h.caseId(), h.kind(), h.address(), h.from(), h.to(), h.query(), h.placedBy(),
          h.placedAt(), actor.name(), AT, reason);
      holds.put(holdId, released);
      return released;
    }

    @Override
    public List<Hold> list(Actor actor, long caseId) {
      cases.visible(actor, caseId, "hold.view");
      return holds.values().stream().filter(h -> h.caseId() == caseId).toList();
    }

    @Override
    public Set<Long> held(Collection<Long> archivedMessageIds) {
      return new HashSet<>();
    }
  }
}
