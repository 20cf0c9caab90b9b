package eu.sovereignmail.archive.message.internal;

import eu.sovereignmail.archive.message.ParseLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Attachment text through Apache Tika (the parser modules on the class path) under hard limits: a
 * character budget, a deadline checked on every read and every piece of output (on the calling thread,
 * so nothing keeps running after it gives up), and a bound on nesting depth and embedded document
 * count. A zip bomb or archives nested in archives yield partial text and a note, never a stuck indexer.
 */
public final class AttachmentText {
  private static final Parser TIKA = new AutoDetectParser();
  private static final ExtractableContent EXTRACTABLE = new ExtractableContent(TIKA);

  private AttachmentText() {}

  /** The text found, and notes on what limits stopped or what failed. */
  public record Result(String text, List<String> notes) {}

  /**
   * Extracts text from {@code content}.
   *
   * @param maxChars the character budget left for this attachment
   * @param deadlineNanos {@link System#nanoTime()} value after which extraction stops
   */
  public static Result extract(byte[] content, String fileName, String mediaType, ParseLimits limits, int maxChars,
      long deadlineNanos) {
    String label = fileName != null ? fileName : mediaType;
    List<String> notes = new ArrayList<>();
    if (!EXTRACTABLE.mayHoldText(content, mediaType)) {
      return new Result("", notes); // images, audio, video, binary data Tika has no parser for: listed, not read
    }
    Budget budget = new Budget(maxChars, deadlineNanos, limits, label, notes);
    Metadata metadata = new Metadata();
    if (fileName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    }
    if (mediaType != null && !mediaType.equals("application/octet-stream")) {
      metadata.set(Metadata.CONTENT_TYPE, mediaType);
    }
    ParseContext context = new ParseContext();
    context.set(Parser.class, new Nested(TIKA, budget));
    Text handler = new Text(budget);
    try (InputStream in = TikaInputStream.get(new DeadlineStream(new ByteArrayInputStream(content), budget))) {
      TIKA.parse(in, handler, metadata, context);
    } catch (StopExtraction e) {
      // the budget already noted why
    } catch (Exception | StackOverflowError e) {
      if (!budget.stopped()) {
        notes.add("attachment '" + label + "': no text (" + e.getClass().getSimpleName() + ")");
      }
    }
    return new Result(handler.text(), notes);
  }

  /** Thrown from the handler or the stream when a limit is reached; sticky, so every later call stops too. */
  private static final class StopExtraction extends SAXException {
    StopExtraction(String message) {
      super(message);
    }
  }

  /** What one extraction may still spend, and the notes it leaves. */
  private static final class Budget {
    final int maxChars;
    final long deadlineNanos;
    final ParseLimits limits;
    final String label;
    final List<String> notes;
    int depth;
    int documents;
    String stoppedBy;

    Budget(int maxChars, long deadlineNanos, ParseLimits limits, String label, List<String> notes) {
      this.maxChars = maxChars;
      this.deadlineNanos = deadlineNanos;
      this.limits = limits;
      this.label = label;
      this.notes = notes;
    }

    boolean stopped() {
      return stoppedBy != null;
    }

    void stop(String why) {
      if (stoppedBy == null) {
        stoppedBy = why;
        notes.add("attachment '" + label + "': " + why);
      }
    }

    void noteOnce(String note) {
      String full = "attachment '" + label + "': " + note;
      if (!notes.contains(full)) {
        notes.add(full);
      }
    }

    void checkTime() throws StopExtraction {
      if (stoppedBy != null) {
        throw new StopExtraction(stoppedBy);
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        stop("text extraction stopped at the time limit of " + limits.attachmentTextTimeout().toMillis() + " ms");
        throw new StopExtraction(stoppedBy);
      }
    }
  }

  /** Collects characters within the budget, a newline at each paragraph-like element end. */
  private static final class Text extends DefaultHandler {
    private final Budget budget;
    private final StringBuilder out = new StringBuilder();

    Text(Budget budget) {
      this.budget = budget;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      budget.checkTime();
      int room = budget.maxChars - out.length();
      if (length > room) {
        out.append(ch, start, Math.max(0, room));
        budget.stop("text cut at " + budget.maxChars + " characters");
        throw new StopExtraction(budget.stoppedBy);
      }
      out.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      characters(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      budget.checkTime();
      if (("p".equals(localName) || "div".equals(localName) || "br".equals(localName) || "li".equals(localName))
          && out.length() < budget.maxChars) {
        out.append('\n');
      }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
      budget.checkTime();
    }

    String text() {
      return collapseWhitespace(out).strip();
    }
  }

  /**
   * Every run of spaces, tabs, vertical tabs, form feeds, carriage returns and newlines made one newline if it holds
   * one, else one space: one pass over the text (it replaces two regular expression passes).
   */
  static String collapseWhitespace(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inRun = false;
    boolean runHasNewline = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        inRun = true;
        runHasNewline |= c == '\n';
      } else {
        if (inRun) {
          out.append(runHasNewline ? '\n' : ' ');
          inRun = false;
          runHasNewline = false;
        }
        out.append(c);
      }
    }
    if (inRun) {
      out.append(runHasNewline ? '\n' : ' ');
    }
    return out.toString();
  }

  /** The parser Tika uses for documents inside documents: it counts depth and documents and stops at the limits. */
  private static final class Nested extends ParserDecorator {
    private final transient Budget budget;

    Nested(Parser parser, Budget budget) {
      super(parser);
      this.budget = budget;
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
        throws IOException, SAXException, org.apache.tika.exception.TikaException {
      budget.checkTime();
      if (budget.depth >= budget.limits.maxEmbeddedDepth()) {
        budget.noteOnce("documents nested deeper than " + budget.limits.maxEmbeddedDepth() + " levels were not read");
        return; // skip this document only: the rest of its level is still read
      }
      if (++budget.documents > budget.limits.maxEmbeddedDocuments()) {
        budget.stop("more than " + budget.limits.maxEmbeddedDocuments() + " embedded documents; the rest were not read");
        throw new StopExtraction(budget.stoppedBy);
      }
      budget.depth++;
      try {
        super.parse(stream, handler, metadata, context);
      } finally {
        budget.depth--;
      }
    }
  }

  /** Checks the deadline before every read of the attachment's bytes, so a decompression loop ends too. */
  private static final class DeadlineStream extends FilterInputStream {
    private final Budget budget;

    DeadlineStream(InputStream in, Budget budget) {
      super(in);
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      check();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      return super.read(b, off, len);
    }

    private void check() throws IOException {
      try {
        budget.checkTime();
      } catch (StopExtraction e) {
        throw new InterruptedIOException(e.getMessage());
      }
    }
  }
}
