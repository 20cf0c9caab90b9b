package eu.sovereignmail.archive.message.internal;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail bodies to plain text through jsoup's real HTML parser and a safelist cleaner: scripts,
 * styles, comments, forms and anything not on the list are gone before text is taken, so what is
 * indexed and shown is what a reader would see, never markup or code.
 */
public final class HtmlText {
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
  private static final Safelist SAFELIST = Safelist.relaxed().removeTags("img");
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
      "table", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "hr", "section", "article", "header", "footer");

  private HtmlText() {}

  /** The visible text of {@code html}, one line per block, whitespace collapsed within lines, at most {@code maxChars}. */
  public static String toText(String html, int maxChars) {
    Document dirty = Jsoup.parse(html);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    StringBuilder out = new StringBuilder(Math.min(html.length(), maxChars) / 2 + 16);
    clean.body().traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (out.length() >= maxChars) {
          return;
        }
        if (node instanceof TextNode text) {
          String words = text.text();
          if (!words.isBlank()) {
            if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))
                && Character.isWhitespace(words.charAt(0))) {
              out.append(' ');
            }
            out.append(words.strip());
            if (Character.isWhitespace(words.charAt(words.length() - 1))) {
              out.append(' ');
            }
          }
        } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
          newline(out);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
          newline(out);
        }
      }
    });
    String text = BLANK_LINES.matcher(TRAILING_SPACE.matcher(out).replaceAll("\n")).replaceAll("\n\n").strip();
    return text.length() > maxChars ? text.substring(0, maxChars) : text;
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
