package eu.sovereignmail.archive;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.FileBlobStore;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.blob.internal.Sealer;
import eu.sovereignmail.archive.message.Mailbox;
import eu.sovereignmail.archive.message.MessageParser;
import eu.sovereignmail.archive.message.ParseLimits;
import eu.sovereignmail.archive.message.ParsedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The least CPU each unavoidable step of ingest costs per message on this machine, with nothing around it: sealing
 * and fsyncing the blob, parsing the MIME, and indexing the parsed text with bare Lucene (the archive's analyzers,
 * no ORM, no Hibernate Search, no database). Their sum bounds what any design of journal + index can reach on these
 * cores; docs/benchmarks.md, "Archive indexing", compares it with the whole path.
 *
 * <p>{@code ./mvnw -pl archive test -Dtest=IngestFloorProbeTest -Darchive.floor=true [-Darchive.floor.messages=N]}
 */
@EnabledIfSystemProperty(named = "archive.floor", matches = "true")
class IngestFloorProbeTest {
  private static final int MESSAGES = Integer.getInteger("archive.floor.messages", 20_000);
  private static final int WARM_UP = Math.min(5_000, MESSAGES / 4);

  @TempDir
  Path dir;

  @Test
  void costOfEachStepAlone() throws Exception {
    List<byte[]> corpus = new CorpusGenerator(7, "floor").stream(MESSAGES).map(CorpusGenerator.Item::raw).toList();
    long rawBytes = corpus.stream().mapToLong(raw -> raw.length).sum();
    Path keyFile = dir.resolve("keys");
    KeyRing.createKeyFile(keyFile);
    KeyRing keys = KeyRing.fromFile(keyFile);
    MessageParser parser = new MessageParser(ParseLimits.defaults());

    List<String> lines = new ArrayList<>();
    long warmUpBytes = corpus.subList(0, WARM_UP).stream().mapToLong(raw -> raw.length).sum();
    lines.add(String.format(Locale.ROOT,
        "archive floor: %d messages, %.0f bytes average, %d cores, one thread per step", MESSAGES,
        (double) rawBytes / MESSAGES, Runtime.getRuntime().availableProcessors()));

    measure(lines, "sha-256 of the raw bytes", corpus, raw -> BlobId.of(raw));
    Sealer sealer = new Sealer(keys);
    measure(lines, "seal as the archive does: deflate (fastest level) + AES-GCM", corpus,
        raw -> sealer.seal(BlobId.of(raw), raw));
    for (int level : new int[] {Deflater.DEFAULT_COMPRESSION, Deflater.BEST_SPEED}) {
      long[] out = {0};
      measure(lines, "deflate alone, level " + (level < 0 ? "default" : Integer.toString(level)), corpus,
          raw -> out[0] += deflatedSize(raw, level));
      lines.add(String.format(Locale.ROOT, "archive floor:   deflated/raw %.3f",
          (double) out[0] / (rawBytes + warmUpBytes)));
    }
    FileBlobStore warmStore = FileBlobStore.open(dir.resolve("warm-blobs"), keys);
    FileBlobStore store = FileBlobStore.open(dir.resolve("blobs"), keys);
    measure(lines, "blob put: seal (deflate + AES-GCM) + write + fsync", corpus, warmStore::put, store::put);

    List<ParsedMessage> parsed = new ArrayList<>(MESSAGES);
    measure(lines, "MIME parse (mime4j, jsoup, Tika)", corpus, raw -> parsed.add(parser.parse(raw)));
    List<ParsedMessage> documents = parsed.subList(WARM_UP, parsed.size());

    for (boolean termVectors : new boolean[] {false, true}) {
      lines.add(indexWithLucene(documents, termVectors));
    }
    lines.forEach(System.out::println);
  }

  private interface Step {
    void run(byte[] raw) throws Exception;
  }

  /** Runs {@code step} over the first quarter (warm-up, not counted), then over every message, timing the second. */
  private static void measure(List<String> lines, String name, List<byte[]> corpus, Step step) throws Exception {
    measure(lines, name, corpus, step, step);
  }

  /** As above, warming up with another step (a blob store on its own directory: the counted run writes new blobs). */
  private static void measure(List<String> lines, String name, List<byte[]> corpus, Step warmUp, Step counted)
      throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      warmUp.run(corpus.get(i));
    }
    long cpu = BenchCpu.jvmNow();
    long wall = System.nanoTime();
    for (byte[] raw : corpus) {
      counted.run(raw);
    }
    lines.add(line(name, cpu, wall, corpus.size()));
  }

  /**
   * Bare Lucene with the archive's two analyzers (as SearchAnalysis defines them) and the fields the search needs:
   * text fields for subject, body, attachment text and names, address fields, a date point with doc values, the
   * direction and Message-ID as keywords, subject and body stored for snippets. One commit at the end, merges
   * included (the process CPU counts the merge threads).
   */
  private String indexWithLucene(List<ParsedMessage> documents, boolean termVectors) throws IOException {
    Analyzer text = CustomAnalyzer.builder().withTokenizer("standard").addTokenFilter("lowercase")
        .addTokenFilter("asciiFolding").build();
    Analyzer address = CustomAnalyzer.builder().withTokenizer("pattern", "pattern", "[^\\p{L}\\p{N}]+")
        .addTokenFilter("lowercase").addTokenFilter("asciiFolding").build();
    Analyzer perField = new PerFieldAnalyzerWrapper(text,
        java.util.Map.of("from", address, "to", address, "cc", address, "filename", address));
    FieldType storedText = new FieldType(TextField.TYPE_STORED);
    if (termVectors) {
      storedText.setStoreTermVectors(true);
      storedText.setStoreTermVectorPositions(true);
      storedText.setStoreTermVectorOffsets(true);
    }
    storedText.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    storedText.freeze();
    IndexWriterConfig config = new IndexWriterConfig(perField).setRAMBufferSizeMB(64);
    Path indexDir = dir.resolve("index-" + termVectors);
    long cpu;
    long wall;
    try (FSDirectory directory = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < WARM_UP; i++) {
        writer.addDocument(document(documents.get(i), i, storedText));
      }
      writer.commit();
      cpu = BenchCpu.jvmNow();
      wall = System.nanoTime();
      for (int i = 0; i < documents.size(); i++) {
        writer.addDocument(document(documents.get(i), WARM_UP + i, storedText));
      }
      writer.commit();
    }
    long indexBytes;
    try (var files = Files.walk(indexDir)) {
      indexBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    return line("Lucene index, term vectors " + (termVectors ? "with offsets" : "none")
        + String.format(Locale.ROOT, " (%.0f MB)", indexBytes / 1e6), cpu, wall, documents.size());
  }

  private static Document document(ParsedMessage message, long id, FieldType storedText) {
    Document doc = new Document();
    doc.add(new StringField("id", Long.toString(id), Field.Store.YES));
    doc.add(new Field("subject", message.subject(), storedText));
    doc.add(new Field("body", message.bodyText(), storedText));
    doc.add(new TextField("attachment", message.attachmentText(), Field.Store.NO));
    doc.add(new TextField("from", addresses(message.from()), Field.Store.NO));
    doc.add(new TextField("to", addresses(message.to()), Field.Store.NO));
    doc.add(new TextField("cc", addresses(message.cc()), Field.Store.NO));
    doc.add(new TextField("filename", message.attachments().stream()
        .map(part -> part.fileName() == null ? "" : part.fileName()).collect(Collectors.joining(" ")), Field.Store.NO));
    long date = message.date() == null ? 0 : message.date().toEpochMilli();
    doc.add(new LongPoint("date", date));
    doc.add(new NumericDocValuesField("date", date));
    doc.add(new StringField("direction", "inbound", Field.Store.NO));
    doc.add(new StringField("messageid", message.messageId() == null ? "" : message.messageId(), Field.Store.NO));
    doc.add(new StoredField("size", message.bodyText().length()));
    return doc;
  }

  private static long deflatedSize(byte[] raw, int level) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buffer = new byte[16 * 1024];
      long size = 0;
      while (!deflater.finished()) {
        size += deflater.deflate(buffer);
      }
      return size;
    } finally {
      deflater.end();
    }
  }

  private static String addresses(List<Mailbox> mailboxes) {
    return mailboxes.stream().map(Mailbox::toString).collect(Collectors.joining(" "));
  }

  private static String line(String name, long cpuStart, long wallStart, int count) {
    double cpuMs = (BenchCpu.jvmNow() - cpuStart) / 1e6;
    double wallMs = (System.nanoTime() - wallStart) / 1e6;
    return String.format(Locale.ROOT,
        "archive floor: %-60s %.3f ms CPU per message (%.0f msg/s on one core; wall %.0f msg/s)",
        name, cpuMs / count, count * 1000 / cpuMs, count * 1000 / wallMs);
  }

}
