package eu.sovereignmail.james.modules;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import eu.sovereignmail.james.search.CrashSafeLuceneIndex;
import eu.sovereignmail.james.search.LuceneIndexDirectory;
import java.io.IOException;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * IMAP SEARCH through a Lucene index on disk, made crash-safe by {@link CrashSafeLuceneIndex}.
 * Replaces upstream's LuceneSearchMailboxModule, which indexed into the James home directory itself
 * and committed only on a clean stop.
 */
public final class LuceneSearchModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new ReIndexingTaskSerializationModule());
    bind(LuceneMessageSearchIndex.class).in(Scopes.SINGLETON);
    bind(MessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
    bind(ListeningMessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
    Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
        .addBinding().to(LuceneMessageSearchIndex.class);
    bind(CrashSafeLuceneIndex.class).in(Scopes.SINGLETON);
  }

  @Provides
  @Singleton
  Directory directory(LuceneIndexDirectory directory) throws IOException {
    return FSDirectory.open(directory.path().toFile());
  }

  @ProvidesIntoSet
  InitializationOperation crashSafety(CrashSafeLuceneIndex index) {
    return InitilizationOperationBuilder.forClass(CrashSafeLuceneIndex.class).init(index::start);
  }
}
