package eu.sovereignmail.gateway.imap.parse;

import java.util.List;

/** One complete client command as it came off the wire: line text and literal contents, in order, no CRLFs. */
public record RawCommand(List<Segment> segments) {
  public RawCommand {
    segments = List.copyOf(segments);
  }

  /** A piece of a command: text of a line (without its {@code {n}} marker) or the octets of a literal. */
  public sealed interface Segment {
    byte[] bytes();
  }

  public record Text(byte[] bytes) implements Segment {}

  public record Literal(byte[] bytes) implements Segment {}
}
