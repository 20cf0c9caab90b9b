package eu.sovereignmail.bench.smtp;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.delivery.ArchiveJournalSink;
import eu.sovereignmail.gateway.delivery.DeliverySettings;
import eu.sovereignmail.gateway.delivery.DeliveryWorker;
import eu.sovereignmail.gateway.delivery.LmtpClient;
import eu.sovereignmail.gateway.delivery.LmtpTarget;
import eu.sovereignmail.gateway.delivery.PermanentFailureListener;
import eu.sovereignmail.gateway.limits.TrafficGovernor;
import eu.sovereignmail.gateway.limits.TrafficLimits;
import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.gateway.smtp.server.ServerLimits;
import eu.sovereignmail.gateway.smtp.server.SmtpListener;
import eu.sovereignmail.gateway.smtp.server.SmtpServer;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.RecipientPolicy;
import eu.sovereignmail.gateway.smtp.session.SessionPolicies;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolListener;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.gateway.spool.SpoolStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MX front door assembled from the product's own parts, as the gateway process wires them: the
 * ESMTP server (250 only after the spool's group-committed fsync), the spool, and the delivery worker that journals
 * each message into the archive (on MariaDB) and delivers it to James over LMTP. Only the policies are the bench's:
 * the bench domain and its users, no AUTH on MX.
 */
public final class GatewayFrontDoor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayFrontDoor.class);

  private final Archive archive;
  private final Spool spool;
  private final DeliveryWorker worker;
  private final SmtpServer server;

  private GatewayFrontDoor(Archive archive, Spool spool, DeliveryWorker worker, SmtpServer server) {
    this.archive = archive;
    this.spool = spool;
    this.worker = worker;
    this.server = server;
  }

  /**
   * Opens the archive and the spool under {@code dir}, starts delivery to James's LMTP port and the MX listener on
   * {@code 127.0.0.1:port}. Closes what it opened if a later part fails.
   */
  public static GatewayFrontDoor start(Path dir, int port, String domain, Set<String> users, String archiveJdbcUrl,
      String archiveUser, String archivePassword, int lmtpPort, DeliverySettings delivery) throws IOException {
    Path keyFile = dir.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    Archive archive = Archive.open(new ArchiveSettings(archiveJdbcUrl, archiveUser, archivePassword,
        dir.resolve("blobs"), keyFile));
    Spool spool = null;
    DeliveryWorker worker = null;
    try {
      spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
      worker = new DeliveryWorker(spool, new ArchiveJournalSink(archive.journal(), "bench-gateway"),
          new LmtpClient(LmtpTarget.loopback(lmtpPort)), delivery, PermanentFailureListener.NONE, Clock.systemUTC());
      worker.start();
      DeliveryWorker started = worker;
      spool.addListener(new SpoolListener() {
        @Override
        public void committed(SpoolEntry entry) {
          started.wakeUp();
        }
      });
      // All load comes from one loopback address, where MX traffic would come from many peers: the per-address
      // limit is raised so that it does not count the client's quickly reconnecting sessions against it.
      ServerLimits limits = ServerLimits.defaults().withConnections(1000, 1000);
      SmtpServer server = new SmtpServer(
          List.of(new SmtpListener("127.0.0.1", port, SessionSettings.defaults(ListenerKind.MX, "mx." + domain))),
          limits, Optional.empty(), spool, policies(domain, users), Clock.systemUTC());
      server.start();
      LOG.info("event=bench.gateway.ready port={} delivery_concurrency={} dir={}", port, delivery.concurrency(), dir);
      return new GatewayFrontDoor(archive, spool, worker, server);
    } catch (IOException | RuntimeException e) {
      closeQuietly(worker, spool, archive);
      throw e;
    }
  }

  private static SessionPolicies policies(String domain, Set<String> users) {
    Set<String> known = users.stream().map(u -> u.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    RecipientPolicy recipients = new RecipientPolicy() {
      @Override
      public boolean isLocalDomain(String candidate) {
        return candidate.equalsIgnoreCase(domain);
      }

      @Override
      public boolean isKnownLocal(Mailbox address) {
        return known.contains(address.toString().toLowerCase(Locale.ROOT));
      }
    };
    Authenticator noAuthOnMx = (credentials, clientIp) -> new Authenticator.Result.Rejected();
    // One client address carries the whole load: its message rate is not what is measured here.
    TrafficLimits unthrottled = new TrafficLimits(Integer.MAX_VALUE, 1, Duration.ofSeconds(1), 1);
    return new SessionPolicies(recipients, noAuthOnMx, (principal, from) -> false,
        new TrafficGovernor(unthrottled, Clock.systemUTC()));
  }

  /** True when every accepted message has been journaled, delivered and removed from the spool. */
  public boolean spoolEmpty() {
    return spool.list().isEmpty();
  }

  public SpoolStats spoolStats() {
    return spool.stats();
  }

  /** Stops accepting, then lets the deliveries in flight finish, then closes spool and archive. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (RuntimeException e) {
      LOG.warn("event=bench.gateway.close_failed part=smtp error=\"{}\"", e.toString());
    }
    closeQuietly(worker, spool, archive);
    LOG.info("event=bench.gateway.stopped");
  }

  private static void closeQuietly(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("event=bench.gateway.close_failed part={} error=\"{}\"", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
