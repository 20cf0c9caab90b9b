package eu.sovereignmail.identity.apppassword;

import eu.sovereignmail.identity.apppassword.internal.Argon2id;
import eu.sovereignmail.identity.apppassword.internal.PasswordIndex;
import eu.sovereignmail.identity.apppassword.internal.SecretFormat;
import eu.sovereignmail.identity.apppassword.internal.VerifiedSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-device app passwords for IMAP and SMTP, for users whose Keycloak login needs more than a password (MFA): made and
 * revoked by the user or an admin, shown once, kept only as Argon2id hashes. Checked locally against an in-memory copy
 * of the active ones (so they work while Keycloak or even the database is down); the copy is reloaded every
 * {@link AppPasswordSettings#refreshInterval()}, and a login's rows are re-read when an app-password-shaped secret
 * matches none of them (a password just made through another gateway works at once; the throttle in front bounds
 * how often a login can miss). A secret that passed its Argon2id check is recognised again for
 * {@link AppPasswordSettings#cacheTtl()} by a salted keyed hash ({@code VerifiedSecrets}), so a device that reconnects
 * often pays for Argon2id once per TTL; revocations drop those entries at once. Thread-safe; one per gateway.
 */
public final class AppPasswords implements AutoCloseable {
  /** Longest label kept. */
  public static final int MAX_LABEL = 64;
  private static final Logger LOG = LoggerFactory.getLogger(AppPasswords.class);
  /** How long a login waits for its rows to be re-read after a miss before it goes on without them. */
  private static final Duration MISS_RELOAD_WAIT = Duration.ofSeconds(2);

  private final AppPasswordRepository repository;
  private final AppPasswordSettings settings;
  private final Argon2id hasher;
  private final Clock clock;
  private final ScheduledExecutorService background;
  /** Serialises reloads and changes, so that the snapshot follows the database's order. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Uses seen here, newer than what the snapshot was loaded with. */
  private final ConcurrentMap<String, Instant> usedAt = new ConcurrentHashMap<>();
  /** Last use written to the repository, per id. */
  private final ConcurrentMap<String, Instant> writtenUse = new ConcurrentHashMap<>();
  /** Revocations of whole users that the repository could not record yet: retried at each reload. */
  private final ConcurrentMap<String, Pending> pendingRevocations = new ConcurrentHashMap<>();
  /** Secrets that passed Argon2id within the cache TTL, as salted keyed hashes. */
  private final VerifiedSecrets verified;
  private volatile PasswordIndex index = PasswordIndex.empty();

  private record Pending(Instant at, String by) {}

  private AppPasswords(AppPasswordRepository repository, AppPasswordSettings settings, Argon2id hasher, Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.hasher = hasher;
    this.clock = clock;
    this.verified = new VerifiedSecrets(settings.cacheTtl(), settings.cacheSize(), settings.maxPerUser());
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "app-passwords");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Loads the active app passwords from {@code repository}.
   *
   * @throws AppPasswordException (STORAGE) when the repository cannot be read
   */
  public static AppPasswords open(AppPasswordRepository repository, AppPasswordSettings settings) {
    return open(repository, settings, Argon2id.defaults(), Clock.systemUTC());
  }

  /** As {@link #open(AppPasswordRepository, AppPasswordSettings)}, with the clock that stamps creation and use. */
  public static AppPasswords open(AppPasswordRepository repository, AppPasswordSettings settings, Clock clock) {
    return open(repository, settings, Argon2id.defaults(), clock);
  }

  static AppPasswords open(AppPasswordRepository repository, AppPasswordSettings settings, Argon2id hasher, Clock clock) {
    AppPasswords store = new AppPasswords(Objects.requireNonNull(repository, "repository"),
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(hasher, "hasher"),
        Objects.requireNonNull(clock, "clock"));
    try {
      store.reload();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.info("event=identity.app_password.store_open active={}", store.index.size());
    return store;
  }

  /** Reloads in the background every {@link AppPasswordSettings#refreshInterval()}; failures are logged and retried. */
  public void startRefresh() {
    long every = settings.refreshInterval().toMillis();
    background.scheduleWithFixedDelay(this::reloadQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Makes a new app password for {@code account}; the secret is in the answer and nowhere else.
   *
   * @param createdBy who asked (the user, an admin's username, {@code local-admin}), recorded and listed
   * @throws AppPasswordException INVALID_LABEL, LIMIT_REACHED or STORAGE
   */
  public IssuedAppPassword create(Account account, String label, String createdBy) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(createdBy, "createdBy");
    String cleanLabel = label(label);
    if (activeOf(account.username()).size() >= settings.maxPerUser()) {
      throw limitReached(account);
    }
    String secret = SecretFormat.newSecret();
    AppPassword info = new AppPassword(SecretFormat.newId(), account, cleanLabel,
        clock.instant().truncatedTo(ChronoUnit.MICROS), createdBy, null);
    StoredAppPassword stored = new StoredAppPassword(info, hasher.hash(secret));
    writeLock.lock();
    try {
      if (!repository.insertIfBelow(stored, settings.maxPerUser())) {
        throw limitReached(account);
      }
      index = index.with(stored);
    } finally {
      writeLock.unlock();
    }
    LOG.info("event=identity.app_password.created id={} user={} label=\"{}\" by={}",
        info.id(), printable(account.username()), printable(cleanLabel), printable(createdBy));
    return new IssuedAppPassword(info, SecretFormat.display(secret));
  }

  /** The active app passwords of {@code username}, oldest first, with their last use as this gateway knows it. */
  public List<AppPassword> list(String username) {
    return activeOf(keyOf(username)).stream()
        .map(p -> withUse(p.info()))
        .sorted(Comparator.comparing(AppPassword::createdAt).thenComparing(AppPassword::id))
        .toList();
  }

  /**
   * Revokes app password {@code id} of {@code username}; false when that user has no such active password.
   *
   * @throws AppPasswordException STORAGE
   */
  public boolean revoke(String username, String id, String by) {
    String user = keyOf(username);
    if (!SecretFormat.isId(id)) {
      return false;
    }
    writeLock.lock();
    try {
      if (!repository.revoke(user, id, clock.instant(), by)) {
        return false;
      }
      index = index.without(p -> p.info().id().equals(id));
      verified.removePassword(id);
    } finally {
      writeLock.unlock();
    }
    LOG.info("event=identity.app_password.revoked id={} user={} by={}", id, printable(user), printable(by));
    return true;
  }

  /**
   * Revokes every app password of {@code username} at once (Keycloak disabled or deleted the user). Takes effect in
   * memory even when the database cannot be written; then the write is retried at each reload. Returns how many were
   * active here.
   */
  public int revokeAll(String username, String by) {
    String user = keyOf(username);
    Instant now = clock.instant();
    writeLock.lock();
    try {
      int here = activeOf(user).size();
      index = index.without(p -> p.info().account().username().equals(user));
      verified.removeUser(user);
      try {
        repository.revokeAll(user, now, by);
      } catch (AppPasswordException e) {
        pendingRevocations.put(user, new Pending(now, by));
        LOG.error("event=identity.app_password.revoke_all_deferred user={} reason=\"{}\"", printable(user), e.getMessage());
      }
      if (here > 0) {
        LOG.info("event=identity.app_password.revoked_all user={} count={} by={}", printable(user), here, printable(by));
      }
      return here;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The app password of {@code login} (username or email, any case) whose secret {@code typed} is, checked locally. A
   * secret that does not have the app-password shape costs nothing; one that does costs one Argon2id check per
   * password of the login, most recently used first, unless the same secret passed that check for this login less
   * than {@link AppPasswordSettings#cacheTtl()} ago and its password is still active (then one HMAC). The use is
   * recorded (written at most every {@link AppPasswordSettings#touchInterval()}).
   */
  public Optional<AppPassword> verify(String login, String typed) {
    Optional<String> secret = SecretFormat.canonical(typed);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String key = keyOf(login);
    Optional<StoredAppPassword> recent = verified.lookup(key, secret.get(), clock.instant())
        .flatMap(id -> index.byId(id))
        .filter(p -> p.info().account().isNamedBy(key));
    if (recent.isPresent()) {
      return Optional.of(touch(recent.get().info()));
    }
    Optional<StoredAppPassword> match = match(key, secret.get());
    if (match.isEmpty() && reloadLogin(key)) {
      match = match(key, secret.get());
    }
    match.ifPresent(p -> verified.put(key, secret.get(), p.info().id(), p.info().account().username(), clock.instant()));
    return match.map(p -> touch(p.info()));
  }

  /** Whether {@code login} (username or email, any case) has an active app password here. */
  public boolean hasAny(String login) {
    return !index.forLogin(keyOf(login)).isEmpty();
  }

  /** The account of a user who has app passwords, by username or email; empty for anyone else. */
  public Optional<Account> account(String login) {
    return index.forLogin(keyOf(login)).stream().map(p -> p.info().account()).findFirst();
  }

  /**
   * Reloads the active app passwords from the repository (and retries deferred revocations first).
   *
   * @throws AppPasswordException STORAGE
   */
  public void reload() {
    writeLock.lock();
    try {
      for (Map.Entry<String, Pending> pending : Map.copyOf(pendingRevocations).entrySet()) {
        repository.revokeAll(pending.getKey(), pending.getValue().at(), pending.getValue().by());
        pendingRevocations.remove(pending.getKey(), pending.getValue());
        LOG.info("event=identity.app_password.revoke_all_recorded user={}", printable(pending.getKey()));
      }
      List<StoredAppPassword> loaded = repository.loadActive().stream().filter(p -> !revokedPending(p)).toList();
      index = PasswordIndex.of(loaded);
      for (StoredAppPassword p : loaded) {
        if (p.info().lastUsedAt() != null) {
          writtenUse.merge(p.info().id(), p.info().lastUsedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      writtenUse.keySet().removeIf(id -> index.byId(id).isEmpty());
      usedAt.keySet().removeIf(id -> index.byId(id).isEmpty());
      PasswordIndex loadedIndex = index;
      verified.retainPasswords(id -> loadedIndex.byId(id).isPresent());
      verified.removeExpired(clock.instant());
    } finally {
      writeLock.unlock();
    }
  }

  /** How many active app passwords are loaded (all users). */
  public int size() {
    return index.size();
  }

  /** Logins answered from the verified-secret cache since start (without an Argon2id check). */
  public long cacheHits() {
    return verified.hits();
  }

  /** Verified secrets held in the cache now (all logins). */
  public int cachedSecrets() {
    return verified.size();
  }

  /** Stops the background reloads; writes of last use already queued are finished first (briefly). */
  @Override
  public void close() {
    background.shutdown();
    try {
      background.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<StoredAppPassword> activeOf(String username) {
    return index.all().stream().filter(p -> p.info().account().username().equals(username)).toList();
  }

  private Optional<StoredAppPassword> match(String key, String secret) {
    List<StoredAppPassword> candidates = new ArrayList<>(index.forLogin(key));
    candidates.sort(Comparator.comparing((StoredAppPassword p) -> lastUse(p.info()), Comparator.reverseOrder()));
    for (StoredAppPassword candidate : candidates) {
      if (Argon2id.verify(secret, candidate.hash())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * After a miss, re-reads the login's rows (one indexed query), waiting only briefly so that a slow database does not
   * hold the login; returns whether they were read.
   */
  private boolean reloadLogin(String key) {
    if (key.isEmpty()) {
      return false;
    }
    Future<?> reload;
    try {
      reload = background.submit(() -> {
        List<StoredAppPassword> current = repository.loadActive(key);
        writeLock.lock();
        try {
          List<StoredAppPassword> kept = current.stream()
              .filter(p -> !revokedPending(p))
              .toList();
          index = index.replacingLogin(key, kept);
          PasswordIndex replaced = index;
          verified.retainPasswords(id -> replaced.byId(id).isPresent());
        } finally {
          writeLock.unlock();
        }
      });
    } catch (RejectedExecutionException closed) {
      return false;
    }
    try {
      reload.get(MISS_RELOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      LOG.debug("event=identity.app_password.login_reload_failed reason={}", e.getClass().getSimpleName());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether {@code p} falls under a revocation of its whole user that the database has not recorded yet. */
  private boolean revokedPending(StoredAppPassword p) {
    Pending pending = pendingRevocations.get(p.info().account().username());
    return pending != null && !p.info().createdAt().isAfter(pending.at());
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.warn("event=identity.app_password.reload_failed active={} reason=\"{}\"", index.size(), e.getMessage());
    }
  }

  private AppPassword touch(AppPassword info) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    usedAt.merge(info.id(), now, (a, b) -> a.isAfter(b) ? a : b);
    Instant written = writtenUse.get(info.id());
    if ((written == null || !now.isBefore(written.plus(settings.touchInterval()))) && !background.isShutdown()) {
      writtenUse.put(info.id(), now);
      try {
        background.execute(() -> {
          try {
            repository.touch(info.id(), now);
          } catch (RuntimeException e) {
            writtenUse.remove(info.id(), now);
            LOG.warn("event=identity.app_password.touch_failed id={} reason=\"{}\"", info.id(), e.getMessage());
          }
        });
      } catch (RejectedExecutionException closing) {
        writtenUse.remove(info.id(), now);
      }
    }
    return info.usedAt(now);
  }

  private Instant lastUse(AppPassword info) {
    Instant seen = usedAt.get(info.id());
    Instant stored = info.lastUsedAt();
    if (seen == null) {
      return stored == null ? Instant.MIN : stored;
    }
    return stored == null || seen.isAfter(stored) ? seen : stored;
  }

  private AppPassword withUse(AppPassword info) {
    Instant last = lastUse(info);
    return last.equals(Instant.MIN) ? info : info.usedAt(last);
  }

  private AppPasswordException limitReached(Account account) {
    return new AppPasswordException(AppPasswordException.Reason.LIMIT_REACHED,
        account.username() + " already has " + settings.maxPerUser() + " app passwords: revoke one first");
  }

  private static String label(String label) {
    String stripped = label == null ? "" : label.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_LABEL) {
      throw new AppPasswordException(AppPasswordException.Reason.INVALID_LABEL,
          "the label must be 1 to " + MAX_LABEL + " characters");
    }
    if (stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw new AppPasswordException(AppPasswordException.Reason.INVALID_LABEL, "the label must not contain control characters");
    }
    return stripped;
  }

  private static String keyOf(String login) {
    return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
  }

  /** User text in log lines: control characters and spaces replaced, at most 128 characters. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 128));
    text.codePoints().limit(128).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '"' ? '_' : c));
    return out.toString();
  }
}
