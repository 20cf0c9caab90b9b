package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.gateway.http.archiveui.NavLink;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * The frame every UI page shares, built with jsoup's DOM: title, the one stylesheet, a skip link, the navigation,
 * who is signed in with a sign-out button (a CSRF-protected POST), and the {@code main} element pages fill.
 */
public final class Layout {
  public static final String CSS = "/archive/static/archive.css";
  /** The one script: polls running exports' progress (pages work without it by reloading). */
  public static final String PROGRESS_SCRIPT = "/archive/static/export-progress.js";

  /** The signed-in person as the header shows them; null on public pages. */
  public record Viewer(String username, List<String> roles, String csrfToken) {}

  private Layout() {}

  /** A page titled {@code title}; {@code current} is the path of the navigation entry to mark. */
  public static Document page(String title, Viewer viewer, List<NavLink> nav, String current) {
    Document doc = new Document("");
    doc.appendChild(new DocumentType("html", "", ""));
    Element html = doc.appendElement("html").attr("lang", "en");
    Element head = html.appendElement("head");
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
    head.appendElement("meta").attr("name", "referrer").attr("content", "no-referrer");
    head.appendElement("title").text(title + " · Sovereign Mail archive");
    head.appendElement("link").attr("rel", "stylesheet").attr("href", CSS);
    Element body = html.appendElement("body");
    body.appendElement("a").addClass("skip").attr("href", "#main").text("Skip to content");
    Element header = body.appendElement("header").addClass("top");
    header.appendElement("a").addClass("brand").attr("href", "/archive/").text("Sovereign Mail · Archive");
    if (viewer != null) {
      Element menu = header.appendElement("nav").attr("aria-label", "Main");
      for (NavLink link : nav.stream().filter(l -> l.roles().stream().anyMatch(viewer.roles()::contains)).toList()) {
        Element a = menu.appendElement("a").attr("href", link.path()).text(link.label());
        if (link.path().equals(current)) {
          a.attr("aria-current", "page");
        }
      }
      Element who = header.appendElement("div").addClass("who");
      who.appendElement("span").addClass("user").text(viewer.username()
          + (viewer.roles().isEmpty() ? "" : " (" + String.join(", ", viewer.roles()) + ")"));
      Element logout = who.appendElement("form").attr("method", "post").attr("action", "/archive/logout");
      csrf(logout, viewer.csrfToken());
      logout.appendElement("button").attr("type", "submit").addClass("link").text("Sign out");
    }
    body.appendElement("main").id("main").attr("tabindex", "-1");
    doc.outputSettings().prettyPrint(false);
    return doc;
  }

  /** The page's {@code main} element. */
  public static Element main(Document doc) {
    return doc.getElementById("main");
  }

  /** Adds the hidden CSRF field every state-changing form carries. */
  public static void csrf(Element form, String token) {
    form.appendElement("input").attr("type", "hidden").attr("name", "csrf").val(token);
  }

  /** A page with a heading and one paragraph (errors, signed out). */
  public static Document message(String title, String text, Viewer viewer, List<NavLink> nav) {
    Document doc = page(title, viewer, nav, "");
    Element main = main(doc);
    main.appendElement("h1").text(title);
    main.appendElement("p").text(text);
    return doc;
  }
}
