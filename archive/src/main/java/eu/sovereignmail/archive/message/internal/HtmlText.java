package eu.sovereignmail.archive.message.internal;

import java.util.Set;
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
    String text = tidyLines(out).strip();
    return text.length() > maxChars ? text.substring(0, maxChars) : text;
  }

  /**
   * Spaces and tabs at the end of a line dropped and more than one blank line in a row made one, in one pass over the
   * text (two regular expression passes over every body cost more than the rest of the HTML clean-up).
   */
  static String tidyLines(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    int pendingFrom = -1; // start of a run of spaces and tabs not yet written: dropped if a newline follows
    int newlines = 0; // newlines in a row so far (blank lines between them may have held spaces)
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        if (pendingFrom < 0) {
          pendingFrom = i;
        }
      } else if (c == '\n') {
        pendingFrom = -1;
        if (++newlines <= 2) {
          out.append('\n');
        }
      } else {
        if (pendingFrom >= 0) {
          out.append(text, pendingFrom, i);
          pendingFrom = -1;
        }
        newlines = 0;
        out.append(c);
      }
    }
    if (pendingFrom >= 0) {
      out.append(text, pendingFrom, text.length());
    }
    return out.toString();
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
