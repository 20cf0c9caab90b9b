package eu.sovereignmail.james.queue;

import java.io.File;
import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.jms.ConnectionFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ broker behind James's mail queues: persistent (KahaDB, every write synced to
 * disk) under {@code <home>/var/store/activemq}, reachable only in-process through {@code vm://}.
 * Exists because upstream's EmbeddedActiveMQ always opens a TCP connector.
 */
@Singleton
public final class LoopbackFreeBroker {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackFreeBroker.class);
  private static final String BROKER_NAME = "james";
  private static final String STORE = "file://var/store/activemq";

  private final BrokerService broker;
  private final ActiveMQConnectionFactory connectionFactory;

  @Inject
  LoopbackFreeBroker(FileSystem fileSystem) throws Exception {
    File store = fileSystem.getFile(STORE);
    KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
    kahaDb.setDirectory(new File(store, "kahadb"));
    kahaDb.setEnableJournalDiskSyncs(true);
    kahaDb.setCheckForCorruptJournalFiles(true);

    broker = new BrokerService();
    broker.setBrokerName(BROKER_NAME);
    broker.setPersistent(true);
    broker.setDataDirectoryFile(store);
    broker.setPersistenceAdapter(kahaDb);
    broker.setUseJmx(false);
    ManagementContext management = new ManagementContext();
    management.setCreateConnector(false);
    broker.setManagementContext(management);
    broker.setUseShutdownHook(false);
    broker.setSchedulerSupport(false);
    broker.setAdvisorySupport(false);
    broker.setEnableStatistics(false);
    broker.start();
    broker.waitUntilStarted();
    LOG.info("event=activemq.start store={} transport=vm", store);

    connectionFactory = new ActiveMQConnectionFactory("vm://" + BROKER_NAME + "?create=false");
    connectionFactory.setTrustAllPackages(false);
    ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
    prefetch.setQueuePrefetch(0);
    prefetch.setTopicPrefetch(0);
    connectionFactory.setPrefetchPolicy(prefetch);
  }

  public ConnectionFactory connectionFactory() {
    return connectionFactory;
  }

  @PreDestroy
  public void stop() throws Exception {
    broker.stop();
    broker.waitUntilStopped();
    LOG.info("event=activemq.stop");
  }
}
