package eu.sovereignmail.archive.search.internal;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers the archive index uses, defined once for the Lucene backend: {@code sm_text} for prose
 * (standard tokenizer, lower case, accents folded, no stemming: mail is multilingual) and
 * {@code sm_address} for addresses and file names (split on anything not a letter or digit, so
 * {@code from:alice}, {@code from:example.eu} and {@code from:alice@example.eu} all match). An
 * Elasticsearch/OpenSearch deployment defines the same names (see docs/configure.md).
 */
public final class SearchAnalysis implements LuceneAnalysisConfigurer {
  public static final String TEXT = "sm_text";
  public static final String ADDRESS = "sm_address";

  @Override
  public void configure(LuceneAnalysisConfigurationContext context) {
    context.analyzer(TEXT).custom()
        .tokenizer("standard")
        .tokenFilter("lowercase")
        .tokenFilter("asciiFolding");
    context.analyzer(ADDRESS).custom()
        .tokenizer("pattern").param("pattern", "[^\\p{L}\\p{N}]+")
        .tokenFilter("lowercase")
        .tokenFilter("asciiFolding");
  }
}
