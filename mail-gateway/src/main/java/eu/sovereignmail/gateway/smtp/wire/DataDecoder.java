package eu.sovereignmail.gateway.smtp.wire;

import java.nio.ByteBuffer;

/**
 * Turns the bytes after {@code 354} into message bytes: removes dot-stuffing, ends only on CRLF.CRLF, and treats a
 * bare CR or bare LF anywhere as an attack (SMTP smuggling, CVE-2023-51764 class). Past the size limit or a text line
 * over 1000 octets it keeps reading to the end but writes nothing more, so nothing is buffered beyond one chunk.
 */
public final class DataDecoder {
  public static final int MAX_TEXT_LINE = 1000;

  private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR, DONE, BROKEN }

  private final long maxSize;
  private State state = State.LINE_START;
  private int lineLength;
  private long size;
  private boolean lineTooLong;

  /** {@code maxSize} in octets of the unstuffed message, e.g. the advertised SIZE. */
  public DataDecoder(long maxSize) {
    this.maxSize = maxSize;
  }

  /**
   * Reads from {@code in} and writes message bytes to {@code out} (capacity 2 or more); at END {@code in} is just past
   * the final CRLF.
   */
  public BodyStatus decode(ByteBuffer in, ByteBuffer out) {
    if (out.capacity() < 2) {
      throw new IllegalArgumentException("output buffer needs room for a CRLF");
    }
    while (true) {
      if (state == State.DONE) {
        return BodyStatus.END;
      }
      if (state == State.BROKEN) {
        return BodyStatus.BARE_LINE_BREAK;
      }
      if (!in.hasRemaining()) {
        return BodyStatus.NEED_INPUT;
      }
      if (out.remaining() < 2 && writing()) {
        return BodyStatus.OUTPUT_FULL;
      }
      step(in.get(), out);
    }
  }

  private void step(byte b, ByteBuffer out) {
    switch (state) {
      case LINE_START -> {
        if (b == '.') {
          state = State.DOT;
          countLineOctet();
        } else {
          inLine(b, out);
        }
      }
      case DOT -> {
        if (b == '\r') {
          state = State.DOT_CR;
        } else {
          inLine(b, out);
        }
      }
      case DOT_CR -> state = b == '\n' ? State.DONE : State.BROKEN;
      case IN_LINE -> inLine(b, out);
      case CR -> {
        if (b == '\n') {
          emit((byte) '\r', out);
          emit((byte) '\n', out);
          lineLength = 0;
          state = State.LINE_START;
        } else {
          state = State.BROKEN;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void inLine(byte b, ByteBuffer out) {
    if (b == '\r') {
      state = State.CR;
    } else if (b == '\n') {
      state = State.BROKEN;
    } else {
      state = State.IN_LINE;
      countLineOctet();
      emit(b, out);
    }
  }

  private void countLineOctet() {
    if (++lineLength > MAX_TEXT_LINE - 2) {
      lineTooLong = true;
    }
  }

  private void emit(byte b, ByteBuffer out) {
    if (writing()) {
      out.put(b);
    }
    size++;
  }

  private boolean writing() {
    return size < maxSize && !lineTooLong;
  }

  /** Octets of the message after unstuffing, counted even past the limit. */
  public long size() {
    return size;
  }

  /** The message is larger than the limit: answer 552 5.3.4 at END and discard what was stored. */
  public boolean tooBig() {
    return size > maxSize;
  }

  /** A text line was longer than 1000 octets: answer 500 5.5.2 at END and discard what was stored. */
  public boolean lineTooLong() {
    return lineTooLong;
  }
}
