package eu.sovereignmail.gateway.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bytes → complete IMAP commands, with literals ({@code {n}} and {@code {n+}}) folded in, under {@link ParserLimits}.
 * It consumes only what it needs, so bytes pipelined behind a command stay in the buffer (for STARTTLS to discard or
 * for the backend after login). Lines end at LF; a CR before it is dropped. One reader per connection.
 */
public final class CommandReader {
  private enum Mode { LINE, LITERAL, SASL_LINE }

  private final ParserLimits limits;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final List<RawCommand.Segment> segments = new ArrayList<>();
  private Mode mode = Mode.LINE;
  private boolean skipping;
  private boolean nul;
  private String skippedTag;
  private byte[] literal;
  private int literalFilled;
  private int commandOctets;

  public CommandReader(ParserLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The next line is an AUTHENTICATE response: read it whole, without looking for literals. */
  public void expectLine() {
    if (mode != Mode.LINE || !segments.isEmpty() || line.size() > 0) {
      throw new IllegalStateException("a command is being read");
    }
    mode = Mode.SASL_LINE;
  }

  /** Consumes bytes of {@code in} until one event is complete or the buffer is empty. */
  public ReadEvent next(ByteBuffer in) {
    while (in.hasRemaining()) {
      if (mode == Mode.LITERAL) {
        int n = Math.min(in.remaining(), literal.length - literalFilled);
        in.get(literal, literalFilled, n);
        literalFilled += n;
        if (literalFilled == literal.length) {
          segments.add(new RawCommand.Literal(literal));
          literal = null;
          mode = Mode.LINE;
        }
        continue;
      }
      byte b = in.get();
      if (b != '\n') {
        if (skipping) {
          continue;
        }
        if (b == 0) {
          nul = true;
        }
        if (line.size() >= limits.maxLine()) {
          skipping = true;
          skippedTag = tagGuess();
          continue;
        }
        line.write(b);
        continue;
      }
      ReadEvent event = endOfLine();
      if (event != null) {
        return event;
      }
    }
    return ReadEvent.NEED_MORE;
  }

  /** True while nothing of a command is buffered (between commands). */
  public boolean idle() {
    return mode != Mode.LITERAL && segments.isEmpty() && line.size() == 0 && !skipping;
  }

  private ReadEvent endOfLine() {
    if (skipping) {
      String tag = skippedTag;
      reset();
      return new ReadEvent.TooLong(tag);
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    line.reset();
    if (nul) {
      String tag = segments.isEmpty() ? tagOf(bytes, length) : tagOf(segments.getFirst().bytes(), segments.getFirst().bytes().length);
      reset();
      return new ReadEvent.BadOctet(tag);
    }
    if (mode == Mode.SASL_LINE) {
      mode = Mode.LINE;
      return new ReadEvent.Line(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
    commandOctets += length;
    int open = literalMarker(bytes, length);
    if (open < 0) {
      segments.add(new RawCommand.Text(java.util.Arrays.copyOf(bytes, length)));
      RawCommand command = new RawCommand(segments);
      reset();
      return new ReadEvent.Command(command);
    }
    boolean synchronizing = bytes[length - 2] != '+';
    String digits = new String(bytes, open + 1, length - open - (synchronizing ? 2 : 3), StandardCharsets.US_ASCII);
    segments.add(new RawCommand.Text(java.util.Arrays.copyOf(bytes, open)));
    long size = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (size > limits.maxLiteral() || commandOctets + size > limits.maxCommand()
        || segments.stream().filter(RawCommand.Literal.class::isInstance).count() >= limits.maxLiterals()) {
      String tag = tagOf(segments.getFirst().bytes(), segments.getFirst().bytes().length);
      reset();
      return new ReadEvent.LiteralTooBig(tag, synchronizing);
    }
    commandOctets += (int) size;
    literal = new byte[(int) size];
    literalFilled = 0;
    if (size == 0) {
      segments.add(new RawCommand.Literal(literal));
      literal = null;
    } else {
      mode = Mode.LITERAL;
    }
    return synchronizing ? ReadEvent.SEND_CONTINUATION : null;
  }

  /** Index of the {@code {} of a trailing {@code {digits}} or {@code {digits+}}, or -1. */
  private static int literalMarker(byte[] bytes, int length) {
    if (length < 3 || bytes[length - 1] != '}') {
      return -1;
    }
    int end = bytes[length - 2] == '+' ? length - 2 : length - 1;
    int i = end - 1;
    while (i >= 0 && bytes[i] >= '0' && bytes[i] <= '9') {
      i--;
    }
    return i >= 0 && i < end - 1 && bytes[i] == '{' ? i : -1;
  }

  private String tagGuess() {
    if (!segments.isEmpty()) {
      byte[] first = segments.getFirst().bytes();
      return tagOf(first, first.length);
    }
    byte[] bytes = line.toByteArray();
    return tagOf(bytes, bytes.length);
  }

  /** The first word when it is a valid tag, else {@code *}. */
  static String tagOf(byte[] bytes, int length) {
    int end = 0;
    while (end < length && end < 64 && bytes[end] != ' ') {
      end++;
    }
    if (end == 0 || end >= length || bytes[end] != ' ') {
      return "*";
    }
    String tag = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    return Tokens.isTag(tag) ? tag : "*";
  }

  private void reset() {
    segments.clear();
    line.reset();
    skipping = false;
    nul = false;
    skippedTag = null;
    literal = null;
    commandOctets = 0;
    mode = Mode.LINE;
  }
}
