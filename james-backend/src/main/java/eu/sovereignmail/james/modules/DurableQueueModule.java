package eu.sovereignmail.james.modules;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import eu.sovereignmail.james.queue.LoopbackFreeBroker;
import javax.jms.ConnectionFactory;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * James's mail queues (spool, outgoing) on the persistent embedded broker. Replaces upstream's
 * ActiveMQQueueModule (unpublished queue-activemq-guice). Mails travel inside the JMS messages
 * (no blob side files), so KahaDB alone holds a queued mail.
 */
public final class DurableQueueModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(LoopbackFreeBroker.class).in(com.google.inject.Scopes.SINGLETON);
    Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
  }

  @Provides
  @Singleton
  ConnectionFactory connectionFactory(LoopbackFreeBroker broker) {
    return broker.connectionFactory();
  }

  @Provides
  @Singleton
  ActiveMQMailQueueFactory queueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators,
      MetricFactory metrics, GaugeRegistry gauges) {
    ActiveMQMailQueueFactory factory =
        new ActiveMQMailQueueFactory(connectionFactory, decorators, metrics, gauges, new ActiveMQMetricCollectorNoop());
    factory.setUseBlobMessages(false);
    factory.setUseJMX(false);
    factory.init();
    return factory;
  }

  @Provides
  @Singleton
  MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
    return factory;
  }

  @Provides
  @Singleton
  MailQueueFactory<?> queues(ActiveMQMailQueueFactory factory) {
    return factory;
  }

  @Provides
  @Singleton
  MailQueueFactory<? extends MailQueue> plainQueues(ActiveMQMailQueueFactory factory) {
    return factory;
  }
}
