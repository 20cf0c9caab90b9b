package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.RawField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts mailed to {@code postmaster@<domain>}: the channel every mail admin already reads, and one that still works
 * when the legacy provider is gone (the message goes through the gateway's own spool and routes). {@link #raise} only
 * hands the alert to a background thread, which builds the message and spools it.
 */
public final class PostmasterAlertSink implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostmasterAlertSink.class);
  static final String SUBJECT_PREFIX = "[sovereign-mail] ";
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
  /** The spool's commit waits for a group fsync; past this something is badly wrong with the disk. */
  private static final Duration SPOOL_TIMEOUT = Duration.ofMinutes(2);

  private final Spool spool;
  private final String hostName;
  private final String postmaster;
  private final Mailbox from;
  private final Mailbox to;
  private final Clock clock;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("alert-postmaster").factory());

  /**
   * @param hostName this gateway's host name: {@code From: MAILER-DAEMON@hostName}, the Message-ID and the HELO
   * @param postmasterDomain the local domain whose postmaster reads the alerts
   */
  public PostmasterAlertSink(Spool spool, String hostName, String postmasterDomain, Clock clock) {
    this.spool = Objects.requireNonNull(spool, "spool");
    this.hostName = RouteRule.normalize(RouteRule.Scope.DOMAIN, hostName);
    String domain = RouteRule.normalize(RouteRule.Scope.DOMAIN, postmasterDomain);
    this.postmaster = "postmaster@" + domain;
    this.from = new Mailbox("MAILER-DAEMON", this.hostName);
    this.to = new Mailbox("postmaster", domain);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void raise(Alert alert) {
    if (alert == null) {
      return;
    }
    try {
      background.execute(() -> spool(alert));
    } catch (RejectedExecutionException closed) {
      LOG.warn("event=alert.postmaster_dropped kind={} reason=closed", alert.kind());
    }
  }

  private void spool(Alert alert) {
    Envelope envelope = new Envelope(EntryId.next(), clock.instant(), Direction.INTERNAL, null,
        List.of(Recipient.of(postmaster)), null, null, BodyType.SEVEN_BIT, false, "127.0.0.1", hostName, null);
    try {
      byte[] message = message(alert);
      spool.accept(envelope, new ByteArrayInputStream(message)).get(SPOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("event=alert.postmaster_spooled id={} kind={} rcpt={}", envelope.id(), alert.kind(), postmaster);
    } catch (ExecutionException e) {
      LOG.warn("event=alert.postmaster_failed kind={} rcpt={} error=\"{}\"", alert.kind(), postmaster,
          e.getCause().toString());
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.warn("event=alert.postmaster_failed kind={} rcpt={} error=\"{}\"", alert.kind(), postmaster, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("event=alert.postmaster_dropped kind={} reason=interrupted", alert.kind());
    }
  }

  /** The alert as a short plain-text message (quoted-printable, so the body is 7-bit whatever the text). */
  byte[] message(Alert alert) throws IOException {
    String text = alert.summary() + "\n\n"
        + (alert.detail().isEmpty() ? "" : alert.detail() + "\n\n")
        + "Kind:    " + alert.kind() + "\n"
        + "Subject: " + alert.subject() + "\n"
        + "At:      " + alert.at() + "\n"
        + "Gateway: " + hostName + "\n";
    Message message = Message.Builder.of()
        .setFrom(from)
        .setTo(to)
        .setSubject(SUBJECT_PREFIX + oneLine(alert.summary()))
        .setDate(Date.from(clock.instant()))
        .generateMessageId(hostName)
        .addField(new RawField("Auto-Submitted", "auto-generated"))
        .setBody(text.replace("\n", "\r\n"), StandardCharsets.UTF_8)
        .setContentTransferEncoding("quoted-printable")
        .build();
    return DefaultMessageWriter.asBytes(message);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Lets alerts already handed over reach the spool (for a few seconds at most); later ones are dropped. */
  @Override
  public void close() {
    background.shutdown();
    try {
      if (!background.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("event=alert.postmaster_dropped count={} reason=closed", background.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      background.shutdownNow();
    }
  }
}
