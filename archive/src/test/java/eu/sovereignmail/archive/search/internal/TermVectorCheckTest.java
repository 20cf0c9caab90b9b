package eu.sovereignmail.archive.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check that finds an index written while subject and body kept term vectors (mixed with documents
 * without them, the highlighter would find no snippet for the newer ones).
 */
class TermVectorCheckTest {
  @TempDir
  Path dir;

  @Test
  void anIndexWithTermVectorsOnSubjectAndBodyIsOutdated() throws Exception {
    write(dir.resolve("old"), true);
    assertThat(HibernateArchiveSearch.keepsTermVectors(dir.resolve("old"))).isTrue();
  }

  @Test
  void anIndexWithoutTermVectorsIsCurrent() throws Exception {
    write(dir.resolve("current"), false);
    assertThat(HibernateArchiveSearch.keepsTermVectors(dir.resolve("current"))).isFalse();
  }

  @Test
  void aMissingOrEmptyDirectoryIsNotOutdated() throws Exception {
    assertThat(HibernateArchiveSearch.keepsTermVectors(dir.resolve("missing"))).isFalse();
    assertThat(HibernateArchiveSearch.keepsTermVectors(dir)).isFalse();
  }

  private static void write(Path path, boolean vectors) throws Exception {
    FieldType text = new FieldType(TextField.TYPE_STORED);
    if (vectors) {
      text.setStoreTermVectors(true);
      text.setStoreTermVectorPositions(true);
      text.setStoreTermVectorOffsets(true);
    }
    text.freeze();
    try (FSDirectory directory = FSDirectory.open(path);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      Document document = new Document();
      document.add(new Field(ArchivedMessageEntity.F_SUBJECT, "Budget review", text));
      document.add(new Field(ArchivedMessageEntity.F_BODY, "The budget for the hearing", text));
      document.add(new StringField(ArchivedMessageEntity.F_MESSAGE_ID, "m1@example.eu", Field.Store.NO));
      writer.addDocument(document);
    }
  }
}
