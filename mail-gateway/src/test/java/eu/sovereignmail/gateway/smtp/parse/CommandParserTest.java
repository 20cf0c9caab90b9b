package eu.sovereignmail.gateway.smtp.parse;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.CommandSyntaxError;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.smtp.ParsedCommand;
import eu.sovereignmail.gateway.smtp.SmtpCommand;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
  private static ParsedCommand parse(String line) {
    return CommandParser.parse(line, false);
  }

  private static String replyOf(ParsedCommand parsed) {
    return parsed instanceof CommandSyntaxError e ? e.reply().code() + " " + e.reply().enhanced() : "ok";
  }

  @Test
  void simpleCommands() {
    assertThat(parse("EHLO mx.example.eu")).isEqualTo(new SmtpCommand.Ehlo("mx.example.eu"));
    assertThat(parse("helo [192.0.2.1]")).isEqualTo(new SmtpCommand.Helo("[192.0.2.1]"));
    assertThat(parse("DATA")).isEqualTo(new SmtpCommand.Data());
    assertThat(parse("rset")).isEqualTo(new SmtpCommand.Rset());
    assertThat(parse("NOOP whatever")).isEqualTo(new SmtpCommand.Noop());
    assertThat(parse("QUIT")).isEqualTo(new SmtpCommand.Quit());
    assertThat(parse("STARTTLS")).isEqualTo(new SmtpCommand.StartTls());
    assertThat(parse("VRFY alice")).isEqualTo(new SmtpCommand.Vrfy("alice"));
    assertThat(parse("HELP")).isEqualTo(new SmtpCommand.Help(Optional.empty()));
    assertThat(parse("BDAT 1000")).isEqualTo(new SmtpCommand.Bdat(1000, false));
    assertThat(parse("BDAT 0 last")).isEqualTo(new SmtpCommand.Bdat(0, true));
    assertThat(parse("auth plain AGFsaWNlAHNlY3JldA==")).isEqualTo(new SmtpCommand.Auth("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA==")));
    assertThat(parse("AUTH LOGIN")).isEqualTo(new SmtpCommand.Auth("LOGIN", Optional.empty()));
    assertThat(parse("EXPN staff")).isEqualTo(new SmtpCommand.Unknown("EXPN"));
  }

  @Test
  void mailFromWithEveryParameter() {
    ParsedCommand parsed = parse("MAIL FROM:<alice@example.eu> SIZE=12345 BODY=8BITMIME RET=HDRS ENVID=QQ+2B314 AUTH=alice+40example.eu");
    assertThat(parsed).isEqualTo(new SmtpCommand.MailFrom(Optional.of(new Mailbox("alice", "example.eu")), 12345,
        BodyType.EIGHT_BIT_MIME, false, Optional.of(DsnRet.HDRS), Optional.of("QQ+314"), Optional.of("alice@example.eu")));
  }

  @Test
  void nullReversePathAndSourceRoutes() {
    assertThat(parse("MAIL FROM:<>")).isEqualTo(new SmtpCommand.MailFrom(Optional.empty(), -1, BodyType.SEVEN_BIT, false,
        Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(parse("MAIL FROM:<@relay.example,@other.example:bob@example.eu>"))
        .extracting(c -> ((SmtpCommand.MailFrom) c).reversePath()).isEqualTo(Optional.of(new Mailbox("bob", "example.eu")));
    assertThat(parse("mail from: <bob@example.eu>")).isInstanceOf(SmtpCommand.MailFrom.class);
    assertThat(parse("MAIL FROM:<> AUTH=<>")).extracting(c -> ((SmtpCommand.MailFrom) c).authMailbox()).isEqualTo(Optional.empty());
  }

  @Test
  void rcptToWithDsnParameters() {
    assertThat(parse("RCPT TO:<bob@example.eu> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bx@example.eu"))
        .isEqualTo(new SmtpCommand.RcptTo(new Mailbox("bob", "example.eu"), Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
            Optional.of(new OriginalRecipient("rfc822", "bob+x@example.eu"))));
    assertThat(parse("RCPT TO:<Postmaster>")).isEqualTo(new SmtpCommand.RcptTo(new Mailbox("Postmaster", null), Set.of(), Optional.empty()));
    assertThat(parse("RCPT TO:<\"john smith\\\"\"@[IPv6:2001:db8::1]>"))
        .extracting(c -> ((SmtpCommand.RcptTo) c).forwardPath().toString()).isEqualTo("\"john smith\\\"\"@[IPv6:2001:db8::1]");
  }

  @Test
  void smtpUtf8AddressesOnlyWithTheParameter() {
    assertThat(replyOf(parse("MAIL FROM:<jörg@bücher.example>"))).isEqualTo("553 5.6.7");
    assertThat(parse("MAIL FROM:<jörg@bücher.example> SMTPUTF8")).extracting(c -> ((SmtpCommand.MailFrom) c).smtpUtf8()).isEqualTo(true);
    assertThat(replyOf(CommandParser.parse("RCPT TO:<用户@例子.广告>", false))).isEqualTo("553 5.6.7");
    assertThat(replyOf(CommandParser.parse("RCPT TO:<用户@例子.广告>", true))).isEqualTo("ok");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      MAIL FROM:<a@example.eu>                       | ok
      MAIL FROM:<a.b.c@sub.example.eu>               | ok
      MAIL FROM:<a@[192.0.2.1]>                      | ok
      MAIL FROM:<a@[IPv6:::1]>                       | ok
      MAIL FROM:<a@[IPv6:2001:db8:0:0:0:0:192.0.2.1]> | ok
      MAIL FROM:<a@[x-tag:content]>                  | ok
      MAIL FROM:<a@[192.0.2.256]>                    | 501 5.1.7
      MAIL FROM:<a@[IPv6:1::2::3]>                   | 501 5.1.7
      MAIL FROM:<a..b@example.eu>                    | 501 5.1.7
      MAIL FROM:<.a@example.eu>                      | 501 5.1.7
      MAIL FROM:<a@-example.eu>                      | 501 5.1.7
      MAIL FROM:<a@example..eu>                      | 501 5.1.7
      MAIL FROM:<a@example.eu                        | 501 5.1.7
      MAIL FROM:a@example.eu                         | 501 5.1.7
      MAIL FROM:<a b@example.eu>                     | 501 5.1.7
      MAIL FROM:<a@example.eu>x                      | 501 5.5.4
      MAIL FROM:<Postmaster>                         | 501 5.1.7
      MAIL TO:<a@example.eu>                         | 501 5.5.2
      MAIL                                           | 501 5.5.2
      MAIL FROM:<a@example.eu> SIZE=abc              | 501 5.5.4
      MAIL FROM:<a@example.eu> SIZE=999999999999999999999 | 501 5.5.4
      MAIL FROM:<a@example.eu> SIZE=1 SIZE=2         | 501 5.5.4
      MAIL FROM:<a@example.eu> BODY=BINARYMIME       | 501 5.5.4
      MAIL FROM:<a@example.eu> RET=ALL               | 501 5.5.4
      MAIL FROM:<a@example.eu> ENVID=bad+zz          | 501 5.5.4
      MAIL FROM:<a@example.eu> SMTPUTF8=yes          | 501 5.5.4
      MAIL FROM:<a@example.eu> FOO=bar               | 555 5.5.4
      MAIL FROM:<a@example.eu> X-UNKNOWN             | 555 5.5.4
      RCPT TO:<b@example.eu> NOTIFY=NEVER            | ok
      RCPT TO:<b@example.eu> NOTIFY=NEVER,SUCCESS    | 501 5.5.4
      RCPT TO:<b@example.eu> NOTIFY=SOMETIMES        | 501 5.5.4
      RCPT TO:<b@example.eu> ORCPT=b@example.eu      | 501 5.5.4
      RCPT TO:<b@example.eu> SIZE=10                 | 555 5.5.4
      RCPT TO:<>                                     | 501 5.1.3
      RCPT TO:<b>                                    | 501 5.1.3
      RCPT TO:<@relay.example:b@example.eu>          | ok
      RCPT TO:<b@example.eu>  NOTIFY=DELAY           | ok
      RCPT <b@example.eu>                            | 501 5.5.2
      EHLO                                           | 501 5.5.4
      EHLO a b                                       | 501 5.5.4
      DATA now                                       | 501 5.5.4
      QUIT now                                       | 501 5.5.4
      BDAT                                           | 501 5.5.4
      BDAT -1                                        | 501 5.5.4
      BDAT 10 FIRST                                  | 501 5.5.4
      BDAT 99999999999999999999                      | 501 5.5.4
      AUTH                                           | 501 5.5.4
      AUTH PLAIN not*base64                          | 501 5.5.2
      VRFY                                           | 501 5.5.4
      ''                                             | 501 5.5.2
      """)
  void syntaxTable(String line, String expected) {
    assertThat(replyOf(parse(line))).isEqualTo(expected);
  }

  @Test
  void controlCharactersAndLengthLimits() {
    assertThat(replyOf(parse("NOOP \u0000"))).isEqualTo("501 5.5.2");
    assertThat(replyOf(parse("MAIL FROM:<" + "a".repeat(64) + "@example.eu>"))).isEqualTo("ok");
    assertThat(replyOf(parse("MAIL FROM:<" + "a".repeat(65) + "@example.eu>"))).isEqualTo("501 5.1.7");
    String longDomain = ("d".repeat(60) + ".").repeat(5) + "eu";
    assertThat(replyOf(parse("RCPT TO:<b@" + longDomain + ">"))).isEqualTo("501 5.1.3");
  }

  @Test
  void xtextRoundTrips() {
    assertThat(XText.decode("a+2Bb+3Dc")).contains("a+b=c");
    assertThat(XText.decode("a+2b")).isEmpty();
    assertThat(XText.decode("a+2")).isEmpty();
    assertThat(XText.decode("a=b")).isEmpty();
    assertThat(XText.decode("a b")).isEmpty();
    for (String value : new String[] {"plain", "with space", "a+b=c", "jörg@bücher", "\u0001"}) {
      assertThat(XText.decode(XText.encode(value))).contains(value);
    }
  }
}
