package eu.sovereignmail.identity.apppassword;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app-password repository in memory, for tests of the store's rules, the authenticator and the HTTP API without a
 * database; {@link #failing(boolean)} makes every call fail as a database outage would.
 */
public final class InMemoryAppPasswordRepository implements AppPasswordRepository {
  private record Row(StoredAppPassword password, Instant revokedAt, String revokedBy) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger loginLoads = new AtomicInteger();

  /** While {@code fail} is true, every call throws {@link AppPasswordException} STORAGE. */
  public void failing(boolean fail) {
    failing.set(fail);
  }

  /** Full loads so far. */
  public int loads() {
    return loads.get();
  }

  /** Loads of one login's rows so far. */
  public int loginLoads() {
    return loginLoads.get();
  }

  /** The stored last use of {@code id} (null if never), as a reload would read it. */
  public synchronized Instant lastUsed(String id) {
    Row row = rows.get(id);
    return row == null ? null : row.password().info().lastUsedAt();
  }

  /** Who revoked {@code id}, null while active or unknown. */
  public synchronized String revokedBy(String id) {
    Row row = rows.get(id);
    return row == null ? null : row.revokedBy();
  }

  @Override
  public synchronized List<StoredAppPassword> loadActive() {
    check();
    loads.incrementAndGet();
    List<StoredAppPassword> active = new ArrayList<>();
    rows.values().stream().filter(r -> r.revokedAt() == null).forEach(r -> active.add(r.password()));
    return active;
  }

  @Override
  public synchronized List<StoredAppPassword> loadActive(String loginKey) {
    check();
    loginLoads.incrementAndGet();
    return rows.values().stream()
        .filter(r -> r.revokedAt() == null && r.password().info().account().isNamedBy(loginKey))
        .map(Row::password)
        .toList();
  }

  @Override
  public synchronized boolean insertIfBelow(StoredAppPassword password, int limit) {
    check();
    String user = password.info().account().username();
    long active = rows.values().stream()
        .filter(r -> r.revokedAt() == null && r.password().info().account().username().equals(user)).count();
    if (active >= limit) {
      return false;
    }
    rows.put(password.info().id(), new Row(password, null, null));
    return true;
  }

  @Override
  public synchronized boolean revoke(String username, String id, Instant at, String by) {
    check();
    Row row = rows.get(id);
    if (row == null || row.revokedAt() != null || !row.password().info().account().username().equals(username)) {
      return false;
    }
    rows.put(id, new Row(row.password(), at, by));
    return true;
  }

  @Override
  public synchronized int revokeAll(String username, Instant at, String by) {
    check();
    int count = 0;
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row row = e.getValue();
      if (row.revokedAt() == null && row.password().info().account().username().equals(username)
          && !row.password().info().createdAt().isAfter(at)) {
        e.setValue(new Row(row.password(), at, by));
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized void touch(String id, Instant at) {
    check();
    Row row = rows.get(id);
    if (row != null) {
      AppPassword info = row.password().info();
      if (info.lastUsedAt() == null || info.lastUsedAt().isBefore(at)) {
        AppPassword used = new AppPassword(info.id(), info.account(), info.label(), info.createdAt(), info.createdBy(), at);
        rows.put(id, new Row(new StoredAppPassword(used, row.password().hash()), row.revokedAt(), row.revokedBy()));
      }
    }
  }

  private void check() {
    if (failing.get()) {
      throw new AppPasswordException(AppPasswordException.Reason.STORAGE, "database unreachable (test)");
    }
  }
}
