package eu.sovereignmail.gateway.spool;

import eu.sovereignmail.gateway.spool.internal.CorruptEntryException;
import eu.sovereignmail.gateway.spool.internal.EntryFormat;
import eu.sovereignmail.gateway.spool.internal.EntryState;
import eu.sovereignmail.gateway.spool.internal.EnvelopeCodec;
import eu.sovereignmail.gateway.spool.internal.GroupCommitter;
import eu.sovereignmail.gateway.spool.internal.RegionInputStream;
import eu.sovereignmail.gateway.spool.internal.StateRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool between SMTP and delivery: one append-only file per message (envelope, message, state log; see
 * {@link EntryFormat}). A commit or state change is acknowledged only after fsync, shared across sessions by group
 * commit; an entry leaves only when journaled and final for every recipient; open() recovers everything unfinished.
 */
public final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);

  private final Path directory;
  private final FileChannelOpener opener;
  private final FileChannel lockChannel;
  private final GroupCommitter committer;
  private final ConcurrentMap<EntryId, EntryState> entries = new ConcurrentHashMap<>();
  private final List<SpoolEntry> recovered;
  private final List<SpoolListener> listeners = new CopyOnWriteArrayList<>();

  private Spool(Path directory, SpoolSettings settings, FileChannelOpener opener, FileChannel lockChannel) throws IOException {
    this.directory = directory;
    this.opener = opener;
    this.lockChannel = lockChannel;
    this.recovered = List.copyOf(recoverAll());
    this.committer = new GroupCommitter(directory, opener, settings.maxBatchSize());
  }

  public static Spool open(Path directory, SpoolSettings settings) throws IOException {
    return open(directory, settings, FileChannelOpener.DEFAULT);
  }

  /** Opens the spool through {@code opener} (the failure-injection seam); only one process may hold a directory. */
  public static Spool open(Path directory, SpoolSettings settings, FileChannelOpener opener) throws IOException {
    Files.createDirectories(directory);
    FileChannel lock = FileChannel.open(directory.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = lock.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      held = null;
    }
    if (held == null) {
      lock.close();
      throw new SpoolIoException("spool directory " + directory + " is in use by another process", null);
    }
    try {
      return new Spool(directory, settings, opener, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Adds a listener told of every later commit, release and retry-now. */
  public void addListener(SpoolListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts a message; write its bytes to the writer, then commit. */
  public SpoolWriter begin(Envelope envelope) throws SpoolException {
    byte[] encoded = EnvelopeCodec.encode(envelope);
    FileChannel channel = null;
    try {
      channel = opener.open(fileOf(envelope.id()), CREATE);
      ByteBuffer header = EntryFormat.header(encoded);
      while (header.hasRemaining()) {
        channel.write(header);
      }
      return new SpoolWriter(this, envelope, channel, encoded.length);
    } catch (IOException e) {
      if (channel != null) {
        discard(envelope.id(), channel);
      }
      throw SpoolException.of("cannot create spool entry " + envelope.id(), e);
    }
  }

  /** Spools a whole message from a stream: begin, copy, commit. */
  public CompletableFuture<SpoolEntry> accept(Envelope envelope, InputStream message) {
    SpoolWriter writer = null;
    try {
      writer = begin(envelope);
      byte[] buffer = new byte[64 << 10];
      for (int n; (n = message.read(buffer)) >= 0; ) {
        writer.write(buffer, 0, n);
      }
      return writer.commit();
    } catch (IOException e) {
      if (writer != null) {
        writer.abort();
      }
      return CompletableFuture.failedFuture(SpoolException.of("cannot spool " + envelope.id(), e));
    }
  }

  /** Durably records that the archive journaled the entry; may remove the entry. */
  public CompletableFuture<Void> markJournaled(EntryId id) {
    return update(id, StateRecords.journaled(), EntryState::markJournaled);
  }

  /** Durably records one delivery attempt's outcome for {@code recipient}; may remove the entry. */
  public CompletableFuture<Void> markRecipient(EntryId id, String recipient, DeliveryOutcome outcome) {
    EntryState entry = entries.get(id);
    int index = entry == null ? -1 : entry.envelope().indexOf(recipient);
    if (index < 0) {
      return CompletableFuture.failedFuture(new NoSuchElementException("no recipient " + recipient + " in spool entry " + id));
    }
    RecipientState next = entry.recipientState(index).after(outcome);
    return update(id, StateRecords.recipient(index, next), e -> e.setRecipient(index, next));
  }

  /** Durably records that {@code recipient}'s copy reached {@code destination} (one leg of its route). */
  public CompletableFuture<Void> markReached(EntryId id, String recipient, Destination destination) {
    EntryState entry = entries.get(id);
    int index = entry == null ? -1 : entry.envelope().indexOf(recipient);
    if (index < 0) {
      return CompletableFuture.failedFuture(new NoSuchElementException("no recipient " + recipient + " in spool entry " + id));
    }
    return update(id, StateRecords.reached(index, destination),
        e -> e.setRecipient(index, e.recipientState(index).reaching(destination)));
  }

  /** Holds ({@code true}) or releases an entry: a held entry is journaled but not delivered. */
  public CompletableFuture<Void> hold(EntryId id, boolean held) {
    CompletableFuture<Void> done = update(id, StateRecords.hold(held), e -> e.setHeld(held));
    return held ? done : done.thenRun(() -> due(id));
  }

  /** Makes every pending recipient of an entry due now, without counting an attempt. */
  public CompletableFuture<Void> retryNow(EntryId id) {
    return update(id, StateRecords.retryNow(), EntryState::makeDue).thenRun(() -> due(id));
  }

  /**
   * Removes an entry whatever its state (an operator's delete; the caller audits it) and returns its last snapshot.
   * A delivery in flight for it finishes, but its outcome is not recorded.
   */
  public Optional<SpoolEntry> delete(EntryId id) throws IOException {
    EntryState entry = entries.remove(id);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      Files.deleteIfExists(entry.file());
    }
    try (FileChannel dir = opener.open(directory, READ)) {
      dir.force(true);
    }
    LOG.info("event=spool.entry_deleted id={}", id);
    return Optional.of(entry.snapshot());
  }

  private CompletableFuture<Void> update(EntryId id, byte[] payload, Consumer<EntryState> apply) {
    EntryState entry = entries.get(id);
    if (entry == null) {
      return CompletableFuture.failedFuture(new NoSuchElementException("no spool entry " + id));
    }
    FileChannel channel;
    try {
      synchronized (entry) {
        channel = opener.open(entry.file(), APPEND);
        ByteBuffer record = EntryFormat.stateRecord(payload);
        try {
          while (record.hasRemaining()) {
            channel.write(record);
          }
        } catch (IOException e) {
          channel.close();
          throw e;
        }
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(SpoolException.of("cannot update spool entry " + id, e));
    }
    return afterSync(committer.syncAndClose(channel, false), () -> {
      apply.accept(entry);
      removeIfFinished(entry);
      return null;
    }, () -> {});
  }

  /**
   * A future that completes after {@code sync}: with {@code onSuccess}'s value, or (after {@code onFailure}) with the
   * sync's own {@link SpoolException}, not wrapped, so callers can match on it.
   */
  private static <T> CompletableFuture<T> afterSync(CompletableFuture<Void> sync, Supplier<T> onSuccess, Runnable onFailure) {
    CompletableFuture<T> result = new CompletableFuture<>();
    sync.whenComplete((ok, failure) -> {
      if (failure == null) {
        result.complete(onSuccess.get());
      } else {
        onFailure.run();
        result.completeExceptionally(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
      }
    });
    return result;
  }

  /** The entries found unfinished when the spool was opened, oldest first, with their replayed state. */
  public List<SpoolEntry> recover() {
    return recovered;
  }

  /** Every entry now in the spool, oldest first. */
  public List<SpoolEntry> list() {
    return entries.values().stream().map(EntryState::snapshot).sorted(Comparator.comparing(SpoolEntry::id)).toList();
  }

  /** The entries with work due at {@code now} (journaling, or a pending recipient whose next attempt has come). */
  public List<SpoolEntry> pending(Instant now) {
    return list().stream().filter(e -> e.due(now)).toList();
  }

  public Optional<SpoolEntry> get(EntryId id) {
    return Optional.ofNullable(entries.get(id)).map(EntryState::snapshot);
  }

  /** The message bytes of an entry, exactly as received. */
  public InputStream openMessage(EntryId id) throws IOException {
    EntryState entry = entries.get(id);
    if (entry == null) {
      throw new NoSuchElementException("no spool entry " + id);
    }
    return new RegionInputStream(opener.open(entry.file(), READ), entry.messageOffset(), entry.messageLength());
  }

  public SpoolStats stats() {
    return committer.stats();
  }

  CompletableFuture<SpoolEntry> committed(Envelope envelope, FileChannel channel, long messageOffset, long messageLength) {
    return afterSync(committer.syncAndClose(channel, true), () -> {
      EntryState entry = new EntryState(envelope, fileOf(envelope.id()), messageOffset, messageLength);
      entries.put(envelope.id(), entry);
      SpoolEntry snapshot = entry.snapshot();
      tell(l -> l.committed(snapshot));
      return snapshot;
    }, () -> {
      deleteQuietly(envelope.id());
      LOG.warn("event=spool.commit_failed id={}", envelope.id());
    });
  }

  private void due(EntryId id) {
    tell(l -> l.due(id));
  }

  private void tell(Consumer<SpoolListener> call) {
    for (SpoolListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("event=spool.listener_failed listener={} error=\"{}\"", listener.getClass().getSimpleName(), e.toString());
      }
    }
  }

  void discard(EntryId id, FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next; a failing close does not matter
    }
    deleteQuietly(id);
  }

  private void removeIfFinished(EntryState entry) {
    if (entry.snapshot().finished() && entries.remove(entry.envelope().id(), entry)) {
      deleteQuietly(entry.envelope().id());
      LOG.debug("event=spool.entry_done id={}", entry.envelope().id());
    }
  }

  private List<SpoolEntry> recoverAll() throws IOException {
    List<SpoolEntry> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + EntryFormat.SUFFIX)) {
      for (Path file : files) {
        recoverOne(file).ifPresent(found::add);
      }
    }
    found.sort(Comparator.comparing(SpoolEntry::id));
    LOG.info("event=spool.recovered dir={} entries={}", directory, found.size());
    return found;
  }

  private Optional<SpoolEntry> recoverOne(Path file) throws IOException {
    EntryFormat.Parsed parsed;
    try (FileChannel channel = opener.open(file, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE))) {
      parsed = EntryFormat.read(channel);
      if (parsed.validEnd() < channel.size()) {
        LOG.warn("event=spool.state_log_cut file={} from={} to={}", file.getFileName(), channel.size(), parsed.validEnd());
        channel.truncate(parsed.validEnd());
        channel.force(true);
      }
    } catch (CorruptEntryException torn) {
      LOG.warn("event=spool.discard_uncommitted file={} reason=\"{}\"", file.getFileName(), torn.getMessage());
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    if (!file.getFileName().toString().equals(parsed.envelope().id() + EntryFormat.SUFFIX)) {
      LOG.warn("event=spool.misnamed_entry file={} id={}", file.getFileName(), parsed.envelope().id());
      return Optional.empty();
    }
    EntryState entry = new EntryState(parsed.envelope(), file, parsed.messageOffset(), parsed.messageLength());
    for (byte[] record : parsed.records()) {
      try {
        StateRecords.replay(record, entry);
      } catch (CorruptEntryException bad) {
        LOG.warn("event=spool.bad_state_record id={} reason=\"{}\"", entry.envelope().id(), bad.getMessage());
      }
    }
    SpoolEntry snapshot = entry.snapshot();
    if (snapshot.finished()) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    entries.put(snapshot.id(), entry);
    return Optional.of(snapshot);
  }

  private Path fileOf(EntryId id) {
    return directory.resolve(id + EntryFormat.SUFFIX);
  }

  private void deleteQuietly(EntryId id) {
    try {
      Files.deleteIfExists(fileOf(id));
    } catch (IOException e) {
      LOG.warn("event=spool.delete_failed id={} error={}", id, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    committer.close();
    lockChannel.close();
  }
}
