package eu.sovereignmail.archive.message.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass whitespace clean-ups give exactly what the regular expressions they replaced gave. */
class WhitespacePassesTest {
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\n\\s*");
  private static final char[] ALPHABET = {'a', 'b', ' ', ' ', '\t', '\n', '\n', '\r', '\f', '\u000B', '\u00A0', 'é'};

  @Test
  void htmlLinesAsTheRegularExpressionsMadeThem() {
    assertThat(HtmlText.tidyLines("a  \n\n \t\n\nb \t")).isEqualTo("a\n\nb \t");
    assertThat(HtmlText.tidyLines("a \r\nb")).isEqualTo("a \r\nb");
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random);
      assertThat(HtmlText.tidyLines(text)).as(escape(text))
          .isEqualTo(BLANK_LINES.matcher(TRAILING_SPACE.matcher(text).replaceAll("\n")).replaceAll("\n\n"));
    }
  }

  @Test
  void attachmentWhitespaceAsTheRegularExpressionsMadeIt() {
    assertThat(AttachmentText.collapseWhitespace(" a \t b \r\n\n  c\f")).isEqualTo(" a b\nc ");
    Random random = new Random(6);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random);
      assertThat(AttachmentText.collapseWhitespace(text)).as(escape(text))
          .isEqualTo(LINE_BREAK.matcher(SPACES.matcher(text).replaceAll(" ")).replaceAll("\n"));
    }
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(30);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  private static String escape(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f")
        .replace("\u000B", "\\v");
  }
}
