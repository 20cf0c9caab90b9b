package eu.sovereignmail.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.parse.CommandParser;
import eu.sovereignmail.gateway.smtp.parse.SaslExchange;
import eu.sovereignmail.gateway.smtp.wire.BdatChunkReader;
import eu.sovereignmail.gateway.smtp.wire.BodyStatus;
import eu.sovereignmail.gateway.smtp.wire.CommandLineDecoder;
import eu.sovereignmail.gateway.smtp.wire.DataDecoder;
import eu.sovereignmail.gateway.smtp.wire.LineEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Jazzer-style robustness without the agent: seeded random and mutated inputs must only ever give typed results. */
class SmtpRobustnessTest {
  private static final String[] SEEDS = {
      "EHLO x\r\n", "MAIL FROM:<a@b.c> SIZE=10 BODY=8BITMIME ENVID=a+2B RET=FULL\r\n", "RCPT TO:<b@[IPv6::1]> NOTIFY=NEVER ORCPT=rfc822;x\r\n",
      "DATA\r\n", "BDAT 3 LAST\r\n", "AUTH PLAIN AGEAYg==\r\n", "\r\n.\r\n", "..\r\n", "RCPT TO:<\"q\\\"x\"@d>\r\n"};
  private static final String ALPHABET = "<>@.:;,=+\"\\[] \r\n\0ABCabc019-_~\u00e9";

  @Test
  void randomAndMutatedInputsNeverThrow() {
    Random random = new Random(20260101L);
    for (int i = 0; i < 20_000; i++) {
      byte[] input = i % 2 == 0 ? randomBytes(random) : mutate(SEEDS[random.nextInt(SEEDS.length)], random);
      feedEverything(input, 1 + random.nextInt(16));
    }
  }

  private static void feedEverything(byte[] input, int chunk) {
    CommandLineDecoder lines = new CommandLineDecoder();
    DataDecoder data = new DataDecoder(64);
    BdatChunkReader bdat = new BdatChunkReader(input.length / 2, 32);
    ByteBuffer out = ByteBuffer.allocate(8);
    for (int offset = 0; offset < input.length; offset += chunk) {
      ByteBuffer in = ByteBuffer.wrap(input, offset, Math.min(chunk, input.length - offset));
      ByteBuffer copy = in.duplicate();
      ByteBuffer copy2 = in.duplicate();
      LineEvent event;
      while ((event = lines.next(in)) instanceof LineEvent.Line line) {
        ParsedCommand parsed = CommandParser.parse(line.text(), line.text().length() % 2 == 0);
        assertThat(parsed).isNotNull();
        if (parsed instanceof SmtpCommand.Auth auth) {
          assertThat(SaslExchange.begin(auth.mechanism(), auth.initialResponse()).current()).isNotNull();
        }
      }
      assertThat(event).isNotNull();
      BodyStatus status;
      do {
        out.clear();
        status = data.decode(copy, out);
      } while (status == BodyStatus.OUTPUT_FULL);
      do {
        out.clear();
        status = bdat.read(copy2, out);
      } while (status == BodyStatus.OUTPUT_FULL);
    }
    String text = new String(input, StandardCharsets.UTF_8);
    assertThat(CommandParser.parse(text.replace("\r", "").replace("\n", ""), true)).isNotNull();
    assertThat(SaslExchange.begin("OAUTHBEARER", Optional.of(java.util.Base64.getEncoder().encodeToString(input))).current()).isNotNull();
    assertThat(SaslExchange.begin("XOAUTH2", Optional.of(java.util.Base64.getEncoder().encodeToString(input))).current()).isNotNull();
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    for (int m = random.nextInt(6); m >= 0; m--) {
      int at = random.nextInt(s.length() + 1);
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, c);
        case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
        default -> { if (at < s.length()) s.setCharAt(at, c); }
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
