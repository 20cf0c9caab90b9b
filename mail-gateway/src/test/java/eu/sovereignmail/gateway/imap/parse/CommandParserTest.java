package eu.sovereignmail.gateway.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.imap.ImapCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  private static ParsedCommand parse(String line) {
    return CommandParser.parse(new RawCommand(List.of(new RawCommand.Text(line.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void thePreLoginCommandsParse() {
    assertThat(parse("A001 capability")).isEqualTo(new ParsedCommand.Ok("A001", new ImapCommand.Capability()));
    assertThat(parse("x LOGOUT")).isEqualTo(new ParsedCommand.Ok("x", new ImapCommand.Logout()));
    assertThat(parse("t.1 LOGIN \"al\\\"ice\" \"p\\\\w\"")).isEqualTo(
        new ParsedCommand.Ok("t.1", new ImapCommand.Login("al\"ice", "p\\w")));
    assertThat(parse("t LOGIN alice@example.eu p]w")).isEqualTo(
        new ParsedCommand.Ok("t", new ImapCommand.Login("alice@example.eu", "p]w")));
    assertThat(parse("t LOGIN \"älice\" \"pässword\"")).isEqualTo(
        new ParsedCommand.Ok("t", new ImapCommand.Login("älice", "pässword")));
    assertThat(parse("t AUTHENTICATE XOAUTH2")).isEqualTo(
        new ParsedCommand.Ok("t", new ImapCommand.Authenticate("XOAUTH2", Optional.empty())));
  }

  @Test
  void idTakesNilOrAList() {
    assertThat(parse("i ID NIL")).isEqualTo(new ParsedCommand.Ok("i", new ImapCommand.Id(List.of())));
    assertThat(parse("i ID (\"name\" \"Thunderbird\" \"version\" NIL)")).isEqualTo(
        new ParsedCommand.Ok("i", new ImapCommand.Id(List.of("name", "Thunderbird", "version", "NIL"))));
    assertThat(parse("i ID (\"name\")")).isInstanceOf(ParsedCommand.SyntaxError.class);
    assertThat(parse("i ID (name \"x\")")).isInstanceOf(ParsedCommand.SyntaxError.class);
  }

  @Test
  void laterCommandsAreRecognisedButNotParsed() {
    assertThat(parse("s SELECT INBOX")).isEqualTo(new ParsedCommand.Ok("s", new ImapCommand.NotYet("SELECT")));
  }

  @Test
  void badInputGetsASyntaxErrorWithTheTagWhenThereIsOne() {
    assertThat(parse("")).isEqualTo(new ParsedCommand.SyntaxError("*", "Empty command line"));
    assertThat(parse("NOOP")).isEqualTo(new ParsedCommand.SyntaxError("*", "Missing or invalid tag"));
    assertThat(parse("a+b NOOP")).isEqualTo(new ParsedCommand.SyntaxError("*", "Missing or invalid tag"));
    assertThat(parse("a1 FROB")).isEqualTo(new ParsedCommand.SyntaxError("a1", "Unknown command FROB"));
    assertThat(parse("a1 NOOP extra")).isEqualTo(new ParsedCommand.SyntaxError("a1", "Unexpected arguments"));
    assertThat(parse("a1  NOOP")).isInstanceOf(ParsedCommand.SyntaxError.class);
    assertThat(parse("a1 LOGIN alice")).isInstanceOf(ParsedCommand.SyntaxError.class);
    assertThat(parse("a1 LOGIN \"alice pw")).isEqualTo(new ParsedCommand.SyntaxError("a1", "Unterminated quoted string"));
    assertThat(parse("a1 LOGIN \"a\\x\" pw")).isEqualTo(new ParsedCommand.SyntaxError("a1", "Bad escape in quoted string"));
    assertThat(parse("a1 AUTHENTICATE PLAIN not*base64")).isInstanceOf(ParsedCommand.SyntaxError.class);
    assertThat(CommandParser.parse(new RawCommand(List.of(new RawCommand.Text(new byte[] {'a', ' ', 'L', 'O', 'G', 'I',
        'N', ' ', '"', (byte) 0xff, '"', ' ', 'x'}))))).isEqualTo(new ParsedCommand.SyntaxError("a", "String is not UTF-8"));
  }
}
