package eu.sovereignmail.gateway.dsn;

import eu.sovereignmail.gateway.delivery.FailedRecipient;
import eu.sovereignmail.gateway.delivery.PermanentFailureListener;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the failure DSN when delivery gives up on recipients: one report per call covering every recipient the
 * {@link DsnPolicy} keeps, spooled as a new entry from {@code <>} to the original sender, so it is delivered (and
 * retried) like any other message and a crash cannot lose it. It returns only once the new entry is fsynced; any
 * failure to build or spool it is thrown, so delivery keeps the recipients pending and asks again later.
 */
public final class BounceSender implements PermanentFailureListener {
  private static final Logger LOG = LoggerFactory.getLogger(BounceSender.class);
  /** How long to wait for the spool's group fsync; the SMTP session waits as long for a message. */
  private static final Duration COMMIT_WAIT = Duration.ofMinutes(2);
  private static final String LOCAL_IP = "127.0.0.1";

  private final Spool spool;
  private final DsnBuilder builder;
  private final Clock clock;

  /** {@code reportingHost}: this gateway's DNS name, named in the DSN and used as HELO of the new entry. */
  public BounceSender(Spool spool, String reportingHost, Clock clock) {
    this(spool, new DsnBuilder(reportingHost), clock);
  }

  /** With a builder of one's own, e.g. another limit for returned messages. */
  public BounceSender(Spool spool, DsnBuilder builder, Clock clock) {
    this.spool = Objects.requireNonNull(spool, "spool");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void failed(SpoolEntry entry, List<FailedRecipient> recipients) throws IOException {
    Envelope original = entry.envelope();
    List<FailedRecipient> reported = DsnPolicy.reported(original, recipients, DsnAction.FAILED);
    if (reported.isEmpty()) {
      LOG.debug("event=dsn.not_requested for={} recipients={} null_sender={}", entry.id(), recipients.size(),
          original.mailFrom() == null);
      return;
    }
    EntryId id = EntryId.next();
    Instant now = clock.instant();
    DsnMessage dsn;
    try {
      dsn = builder.build(id, original, () -> spool.openMessage(entry.id()), DsnAction.FAILED, reported, now);
    } catch (NoSuchElementException gone) {
      throw new IOException("entry " + entry.id() + " left the spool before its DSN was built", gone);
    }
    Envelope envelope = new Envelope(id, now, Direction.INTERNAL, null,
        List.of(new Recipient(original.mailFrom(), Set.of(DsnNotify.NEVER), null)), null, null, dsn.body(),
        dsn.smtpUtf8(), LOCAL_IP, builder.reportingHost(), null);
    awaitDurable(spool.accept(envelope, new ByteArrayInputStream(dsn.bytes())).orTimeout(COMMIT_WAIT.toMillis(),
        TimeUnit.MILLISECONDS), id);
    LOG.info("event=dsn.sent id={} for={} recipients={}", id, entry.id(), reported.size());
  }

  private static void awaitDurable(CompletableFuture<SpoolEntry> commit, EntryId id) throws IOException {
    try {
      commit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while spooling DSN " + id);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof TimeoutException) {
        throw new IOException("DSN " + id + " not durable after " + COMMIT_WAIT, cause);
      }
      throw new IOException("cannot spool DSN " + id + ": " + cause, cause);
    }
  }
}
