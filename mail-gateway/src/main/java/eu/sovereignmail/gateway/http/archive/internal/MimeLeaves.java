package eu.sovereignmail.gateway.http.archive.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The decoded content of chosen leaf parts of a stored message, numbered 1, 2, … in document order exactly as the
 * archive's {@code MessagePart.ordinal} (the same lenient mime4j streaming parse), so a download or an HTML body can
 * be checked against the part's recorded SHA-256.
 */
public final class MimeLeaves {
  private static final MimeConfig CONFIG = new MimeConfig.Builder()
      .setStrictParsing(false)
      .setMaxLineLen(-1)
      .setMaxHeaderCount(-1)
      .setMaxHeaderLen(-1)
      .setMaxContentLen(-1)
      .setMalformedHeaderStartsBody(true)
      .build();

  private MimeLeaves() {}

  /** The decoded bytes of the leaves numbered {@code ordinals} that exist in {@code raw}. */
  public static Map<Integer, byte[]> extract(byte[] raw, Set<Integer> ordinals) {
    Map<Integer, byte[]> found = new HashMap<>();
    MimeStreamParser parser = new MimeStreamParser(CONFIG, DecodeMonitor.SILENT,
        new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
    parser.setContentDecoding(true);
    parser.setContentHandler(new AbstractContentHandler() {
      private int ordinal;

      @Override
      public void body(BodyDescriptor descriptor, InputStream stream) throws IOException {
        ordinal++;
        if (ordinals.contains(ordinal)) {
          found.put(ordinal, stream.readAllBytes());
        } else {
          stream.transferTo(OutputStreamSink.INSTANCE);
        }
      }
    });
    try {
      parser.parse(new ByteArrayInputStream(raw));
    } catch (MimeException | IOException | RuntimeException e) {
      // a broken tail: the parts read so far are what there is (the caller checks hashes)
    }
    return found;
  }

  /** Discards the content of leaves nobody asked for. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
      // discarded
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // discarded
    }
  }
}
