package eu.sovereignmail.gateway.http.archiveui.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Makes archived HTML safe to show inside a UI page: jsoup's relaxed safelist without images and without links
 * (a link becomes its text followed by its target in brackets), so nothing runs and nothing remote is ever loaded;
 * the strict Content-Security-Policy of the page is the second wall.
 */
public final class SafeHtml {
  private static final Safelist MESSAGE = Safelist.relaxed().removeTags("img", "a");
  private static final Safelist SNIPPET = Safelist.none().addTags("em");

  private SafeHtml() {}

  /** A message's HTML body, sanitized, as HTML text to append to a container element. */
  public static String message(String html) {
    Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html);
    for (Element link : dirty.body().select("a")) {
      String href = link.attr("href").strip();
      Element inert = new Element("span");
      inert.appendChildren(link.childNodes());
      if (href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8)
          || href.regionMatches(true, 0, "mailto:", 0, 7)) {
        inert.appendText(" [" + href + "]");
      }
      link.replaceWith(inert);
    }
    return Jsoup.clean(dirty.body().html(), MESSAGE);
  }

  /** A search snippet: the archive escapes everything but {@code <em>}; this keeps only {@code <em>} whatever comes. */
  public static String snippet(String snippet) {
    return Jsoup.clean(snippet == null ? "" : snippet, SNIPPET);
  }
}
