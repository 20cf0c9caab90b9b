package eu.sovereignmail.james;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import eu.sovereignmail.james.modules.DurableQueueModule;
import eu.sovereignmail.james.modules.JpaDataModule;
import eu.sovereignmail.james.modules.JpaMailboxModule;
import eu.sovereignmail.james.modules.JpaPersistenceModule;
import eu.sovereignmail.james.modules.LuceneSearchModule;
import eu.sovereignmail.james.search.LuceneIndexDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ReIndexingModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the durable James backend: a Guice James 3.8.1 with mailboxes and server data in
 * MariaDB (OpenJPA), a persistent ActiveMQ mail queue, a crash-safe Lucene index, and IMAP, SMTP, LMTP
 * and WebAdmin only. Needs {@code -Dworking.directory=<home>}; reads its configuration from
 * {@code <home>/conf}. With {@code -Dsovereign.parent.pid=<pid>} it exits when that process dies.
 */
public final class SovereignJamesMain {
  private static final Logger LOG = LoggerFactory.getLogger(SovereignJamesMain.class);

  private static final Module PROTOCOLS = Modules.combine(
      new IMAPServerModule(),
      new LMTPServerModule(),
      new SMTPServerModule(),
      new ProtocolHandlerModule());

  private static final Module WEBADMIN = Modules.combine(
      new WebAdminServerModule(),
      new NoJwtModule(),
      new DataRoutesModules(),
      new MailboxRoutesModule(),
      new MailQueueRoutesModule(),
      new InconsistencyQuotasSolvingRoutesModule(),
      new ReIndexingModule(),
      new WebAdminReIndexingTaskSerializationModule(),
      new SieveRoutesModule());

  private static final Module STORAGE = Modules.combine(
      new JpaPersistenceModule(),
      new JpaDataModule(),
      new JpaMailboxModule(),
      new LuceneSearchModule(),
      new DurableQueueModule(),
      new NaiveDelegationStoreModule(),
      new MailboxModule(),
      new DefaultEventModule(),
      new MemoryDeadLetterModule(),
      new TaskManagerModule());

  private static final Module MAIL_PROCESSING = Modules.combine(
      new MailetProcessingModule(),
      new DefaultProcessorsConfigurationProviderModule(),
      new RawPostDequeueDecoratorModule());

  private SovereignJamesMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    ParentWatchdog.fromSystemProperties().ifPresent(ParentWatchdog::start);
    Configuration configuration = Configuration.builder().useWorkingDirectoryEnvProperty().build();
    GuiceJamesServer server = GuiceJamesServer.forConfiguration(configuration)
        .combineWith(STORAGE, MAIL_PROCESSING, PROTOCOLS, WEBADMIN);
    LuceneIndexDirectory index = LuceneIndexDirectory.under(Path.of(System.getProperty(Configuration.WORKING_DIRECTORY)));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, index), "james-stop"));
    try {
      server.start();
    } catch (Exception e) {
      LOG.error("event=james.start_failed error={}", e.toString(), e);
      System.exit(1);
    }
    LOG.info("event=james.started home={} ms={}",
        System.getProperty(Configuration.WORKING_DIRECTORY), (System.nanoTime() - started) / 1_000_000);
  }

  private static void stop(GuiceJamesServer server, LuceneIndexDirectory index) {
    long started = System.nanoTime();
    LOG.info("event=james.stopping");
    if (!server.isStarted()) {
      return;
    }
    server.stop();
    try {
      index.markCleanStop();
    } catch (IOException e) {
      LOG.warn("event=james.clean_stop_mark_failed error={}", e.toString());
    }
    LOG.info("event=james.stopped ms={}", (System.nanoTime() - started) / 1_000_000);
  }
}
