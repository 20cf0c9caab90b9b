package eu.sovereignmail.gateway.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.imap.ImapCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandReaderTest {
  private final CommandReader reader = new CommandReader(new ParserLimits(128, 16, 2, 256));

  private List<ReadEvent> readAll(String input) {
    return readAll(ByteBuffer.wrap(input.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private List<ReadEvent> readAll(ByteBuffer in) {
    List<ReadEvent> events = new ArrayList<>();
    while (true) {
      ReadEvent event = reader.next(in);
      if (event instanceof ReadEvent.NeedMore) {
        return events;
      }
      events.add(event);
    }
  }

  private static ImapCommand command(ReadEvent event) {
    assertThat(event).isInstanceOf(ReadEvent.Command.class);
    ParsedCommand parsed = CommandParser.parse(((ReadEvent.Command) event).command());
    assertThat(parsed).isInstanceOf(ParsedCommand.Ok.class);
    return ((ParsedCommand.Ok) parsed).command();
  }

  @Test
  void pipelinedCommandsComeOutOneByOneAndLeaveTheRestInTheBuffer() {
    ByteBuffer in = ByteBuffer.wrap("a1 NOOP\r\na2 CAPABILITY\r\na3 STARTTLS\r\nsmuggled".getBytes(StandardCharsets.US_ASCII));
    assertThat(command(reader.next(in))).isEqualTo(new ImapCommand.Noop());
    assertThat(command(reader.next(in))).isEqualTo(new ImapCommand.Capability());
    assertThat(command(reader.next(in))).isEqualTo(new ImapCommand.StartTls());
    assertThat(in.remaining()).isEqualTo("smuggled".length());
  }

  @Test
  void aCommandSplitAcrossReadsIsJoined() {
    assertThat(reader.next(ByteBuffer.wrap("a1 LOG".getBytes(StandardCharsets.US_ASCII)))).isInstanceOf(ReadEvent.NeedMore.class);
    assertThat(reader.idle()).isFalse();
    assertThat(command(reader.next(ByteBuffer.wrap("IN alice secret\r\n".getBytes(StandardCharsets.US_ASCII)))))
        .isEqualTo(new ImapCommand.Login("alice", "secret"));
  }

  @Test
  void aSynchronizingLiteralAsksForContinuationThenIsFoldedIn() {
    List<ReadEvent> events = readAll("a1 LOGIN {5}\r\n");
    assertThat(events).containsExactly(ReadEvent.SEND_CONTINUATION);
    events = readAll("alice {6}\r\n");
    assertThat(events).containsExactly(ReadEvent.SEND_CONTINUATION);
    events = readAll("s3 r\"t\r\n");
    assertThat(command(events.getFirst())).isEqualTo(new ImapCommand.Login("alice", "s3 r\"t"));
  }

  @Test
  void aNonSynchronizingLiteralNeedsNoContinuation() {
    List<ReadEvent> events = readAll("a1 LOGIN {5+}\r\nalice \"pw\"\r\n");
    assertThat(events).hasSize(1);
    assertThat(command(events.getFirst())).isEqualTo(new ImapCommand.Login("alice", "pw"));
  }

  @Test
  void anEmptyLiteralIsAnEmptyString() {
    List<ReadEvent> events = readAll("a1 LOGIN alice {0}\r\n\r\n");
    assertThat(events).containsExactly(ReadEvent.SEND_CONTINUATION, events.get(1));
    assertThat(command(events.get(1))).isEqualTo(new ImapCommand.Login("alice", ""));
  }

  @Test
  void anOversizedSynchronizingLiteralIsRefusedAndTheDialogueGoesOn() {
    List<ReadEvent> events = readAll("a1 LOGIN {17}\r\na2 NOOP\r\n");
    assertThat(events.getFirst()).isEqualTo(new ReadEvent.LiteralTooBig("a1", true));
    assertThat(command(events.get(1))).isEqualTo(new ImapCommand.Noop());
  }

  @Test
  void anOversizedNonSynchronizingLiteralIsReportedAsUnrecoverable() {
    assertThat(readAll("a1 LOGIN {99999999999999999999+}\r\n"))
        .containsExactly(new ReadEvent.LiteralTooBig("a1", false));
  }

  @Test
  void tooManyLiteralsInOneCommandAreRefused() {
    List<ReadEvent> events = readAll("a1 ID ({1+}\r\na {1+}\r\nb {1+}\r\n");
    assertThat(events).containsExactly(new ReadEvent.LiteralTooBig("a1", false));
  }

  @Test
  void anOverlongLineIsSkippedToItsEndWithTheTagKept() {
    List<ReadEvent> events = readAll("a7 LOGIN " + "x".repeat(500) + "\r\na8 NOOP\r\n");
    assertThat(events.getFirst()).isEqualTo(new ReadEvent.TooLong("a7"));
    assertThat(command(events.get(1))).isEqualTo(new ImapCommand.Noop());
  }

  @Test
  void garbageWithoutLineEndsNeverGrowsTheBuffer() {
    byte[] junk = new byte[100_000];
    for (int i = 0; i < junk.length; i++) {
      byte b = (byte) (i * 31 + 7);
      junk[i] = b == '\n' ? (byte) 'x' : b;
    }
    assertThat(readAll(ByteBuffer.wrap(junk))).isEmpty();
    assertThat(readAll("\r\n")).containsExactly(new ReadEvent.TooLong("*"));
  }

  @Test
  void aNulOctetIsABadCommand() {
    assertThat(readAll("a1 NO\0OP\r\n")).containsExactly(new ReadEvent.BadOctet("a1"));
  }

  @Test
  void bareLfEndsALineToo() {
    assertThat(command(readAll("a1 NOOP\n").getFirst())).isEqualTo(new ImapCommand.Noop());
  }

  @Test
  void anAuthenticateResponseLineIsReadWholeEvenWithBraces() {
    reader.expectLine();
    assertThat(readAll("dGVzdA== {5}\r\n")).containsExactly(new ReadEvent.Line("dGVzdA== {5}"));
  }

  @Test
  void sasIrArgumentIsKept() {
    assertThat(command(readAll("a1 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n").getFirst()))
        .isEqualTo(new ImapCommand.Authenticate("PLAIN", Optional.of("AGFsaWNlAHB3")));
    assertThat(command(readAll("a2 authenticate oauthbearer =\r\n").getFirst()))
        .isEqualTo(new ImapCommand.Authenticate("oauthbearer", Optional.of("=")));
  }
}
