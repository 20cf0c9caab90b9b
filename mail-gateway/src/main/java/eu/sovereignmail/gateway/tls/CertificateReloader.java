package eu.sovereignmail.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate renewal without restart: polls the key material's files (modification time and size; a WatchService
 * misses certbot's symlink swaps and renames) and hands a new {@link SSLContext} to every consumer (e.g.
 * {@code ServerTls::replace}) once the changed files read and check correctly. A broken or half-written renewal is
 * logged and the old context stays in service until the files change again. Thread-safe.
 */
public final class CertificateReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final KeyMaterial material;
  private final Duration interval;
  private final List<Consumer<SSLContext>> consumers = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile SSLContext current;
  private volatile ServerCredentials currentCredentials;
  private List<FileState> seen; // guarded by lock: the files as they were at the last read attempt
  private ScheduledExecutorService scheduler; // guarded by lock

  public CertificateReloader(KeyMaterial material, Duration interval) {
    this.material = Objects.requireNonNull(material, "material");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("tls.reload-interval must be positive, was " + interval);
    }
  }

  /**
   * Reads the files now (failing when they are unusable: a gateway must not start without its certificate), then
   * polls every interval.
   *
   * @return the context to start serving with
   */
  public SSLContext start() throws IOException, GeneralSecurityException {
    synchronized (lock) {
      if (scheduler != null) {
        return current;
      }
      List<FileState> before = states();
      ServerCredentials credentials = material.read();
      install(credentials, before, "start");
      scheduler = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("tls-reloader").factory());
      scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
      return current;
    }
  }

  /** Adds a consumer and gives it the current context at once (so none is missed between start and adding). */
  public void addConsumer(Consumer<SSLContext> consumer) {
    consumers.add(Objects.requireNonNull(consumer, "consumer"));
    SSLContext now = current;
    if (now != null) {
      consumer.accept(now);
    }
  }

  /** The context in service; null before {@link #start()}. */
  public SSLContext current() {
    return current;
  }

  /** The key and certificate in service; null before {@link #start()}. */
  public ServerCredentials currentCredentials() {
    return currentCredentials;
  }

  /**
   * Looks at the files now (what the background poll does): true when they had changed and the new ones are in
   * service.
   */
  public boolean checkNow() {
    synchronized (lock) {
      List<FileState> now = states();
      if (now.equals(seen)) {
        return false;
      }
      seen = now;
      try {
        install(material.read(), now, "change");
        return true;
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        LOG.warn("event=tls.reload_failed files={} error=\"{}\" keeping_serial={}", material.files(), e.getMessage(),
            currentCredentials == null ? "" : currentCredentials.leaf().getSerialNumber().toString(16));
        return false;
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
  }

  private void poll() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      LOG.error("event=tls.reload_crashed", e);
    }
  }

  private void install(ServerCredentials credentials, List<FileState> files, String reason)
      throws GeneralSecurityException {
    SSLContext context = credentials.sslContext();
    current = context;
    currentCredentials = credentials;
    seen = files;
    for (Consumer<SSLContext> consumer : consumers) {
      consumer.accept(context);
    }
    LOG.info("event=tls.loaded reason={} subject=\"{}\" serial={} not_after={} consumers={}", reason,
        credentials.leaf().getSubjectX500Principal().getName(), credentials.leaf().getSerialNumber().toString(16),
        credentials.leaf().getNotAfter().toInstant(), consumers.size());
    Instant now = Instant.now();
    if (credentials.leaf().getNotAfter().toInstant().isBefore(now)
        || credentials.leaf().getNotBefore().toInstant().isAfter(now)) {
      LOG.warn("event=tls.certificate_not_valid_now serial={} not_before={} not_after={}",
          credentials.leaf().getSerialNumber().toString(16), credentials.leaf().getNotBefore().toInstant(),
          credentials.leaf().getNotAfter().toInstant());
    }
  }

  /** Size and modification time of every file, following symbolic links (certbot's live/ files are links). */
  private List<FileState> states() {
    List<FileState> states = new ArrayList<>();
    for (Path file : material.files()) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        states.add(new FileState(file, attributes.size(), attributes.lastModifiedTime().toMillis(),
            key == null ? "" : key.toString()));
      } catch (NoSuchFileException missing) {
        states.add(new FileState(file, -1, -1, ""));
      } catch (IOException unreadable) {
        states.add(new FileState(file, -2, -2, unreadable.getClass().getSimpleName()));
      }
    }
    return List.copyOf(states);
  }

  /** What is compared between polls; the file key (device and inode) catches a same-size rename within a second. */
  private record FileState(Path file, long size, long modifiedMillis, String fileKey) {}
}
