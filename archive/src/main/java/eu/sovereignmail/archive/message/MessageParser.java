package eu.sovereignmail.archive.message;

import eu.sovereignmail.archive.message.internal.PartCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads a raw message for the index and for {@code show} with mime4j's streaming parser in its lenient
 * mode: whatever the bytes are, a {@link ParsedMessage} comes back (flagged malformed, with reasons,
 * when the MIME is broken), so no message is ever left out of the archive's search. Thread-safe.
 */
public final class MessageParser {
  private static final MimeConfig CONFIG = new MimeConfig.Builder()
      .setStrictParsing(false)
      .setMaxLineLen(-1)
      .setMaxHeaderCount(-1)
      .setMaxHeaderLen(-1)
      .setMaxContentLen(-1)
      .setMalformedHeaderStartsBody(true)
      .build();

  private final ParseLimits limits;

  public MessageParser(ParseLimits limits) {
    this.limits = limits;
  }

  /** Parses {@code raw}; never throws for bad content. */
  public ParsedMessage parse(byte[] raw) {
    PartCollector collector = new PartCollector(limits);
    DecodeMonitor monitor = new DecodeMonitor() {
      @Override
      public boolean warn(String error, String dummy) {
        collector.malformed("mime: " + error);
        return false;
      }

      @Override
      public boolean isListening() {
        return true;
      }
    };
    MimeStreamParser parser = new MimeStreamParser(CONFIG, monitor,
        new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), monitor));
    parser.setContentDecoding(true);
    parser.setContentHandler(collector);
    try {
      parser.parse(new ByteArrayInputStream(raw));
    } catch (MimeException | IOException | RuntimeException e) {
      collector.malformed("mime: the rest of the message could not be read (" + e.getClass().getSimpleName() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
    ParsedMessage message = collector.result();
    if (message.headers().isEmpty()) {
      return withoutHeaders(message, raw);
    }
    return message;
  }

  /** No header block at all: the whole thing is searched as text, so nothing in it is lost to the index. */
  private ParsedMessage withoutHeaders(ParsedMessage message, byte[] raw) {
    List<String> problems = new ArrayList<>(message.problems());
    problems.add(0, "no header fields: the whole message is indexed as text");
    String text = new String(raw, 0, Math.min(raw.length, limits.maxBodyChars()), StandardCharsets.UTF_8).strip();
    return new ParsedMessage(null, null, List.of(), List.of(), List.of(), "", List.of(), message.parts(), text,
        message.attachmentText(), true, problems);
  }
}
