package eu.sovereignmail.gateway.http.archiveui.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * The form pieces the UI's pages share, built with jsoup's DOM: labelled fields, selects, POST forms that always
 * carry the CSRF token, one-button actions, times shown one way, and the redirect after a successful POST.
 */
public final class Forms {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Forms() {}

  /** A POST form to {@code action} with the session's CSRF token. */
  public static Element post(Element parent, String action, String csrf) {
    Element form = parent.appendElement("form").attr("method", "post").attr("action", action);
    Layout.csrf(form, csrf);
    return form;
  }

  /** A form with one secondary button (and hidden fields as name, value pairs): remove, propose, approve. */
  public static Element button(Element parent, String action, String csrf, String label, String... hidden) {
    Element form = post(parent, action, csrf).addClass("inline");
    for (int i = 0; i + 1 < hidden.length; i += 2) {
      form.appendElement("input").attr("type", "hidden").attr("name", hidden[i]).val(hidden[i + 1]);
    }
    form.appendElement("button").attr("type", "submit").addClass("secondary").text(label);
    return form;
  }

  /** A label above a control; returns the wrapper to add the control to. */
  public static Element labelled(Element parent, String id, String label) {
    Element span = parent.appendElement("span").addClass("field");
    span.appendElement("label").attr("for", id).text(label);
    return span;
  }

  /** A labelled input. */
  public static Element field(Element parent, String name, String label, String type, String value) {
    return labelled(parent, name, label).appendElement("input").attr("type", type).attr("id", name)
        .attr("name", name).val(value == null ? "" : value);
  }

  /** A labelled input that must be filled. */
  public static Element required(Element parent, String name, String label, String type) {
    return field(parent, name, label, type, "").attr("required", "");
  }

  /** A labelled select. */
  public static Element select(Element parent, String name, String label) {
    return labelled(parent, name, label).appendElement("select").attr("id", name).attr("name", name);
  }

  /** An option of {@code select}, selected when its value is {@code current}. */
  public static void option(Element select, String value, String label, String current) {
    Element option = select.appendElement("option").val(value).text(label);
    if (value.equals(current)) {
      option.attr("selected", "");
    }
  }

  /** A labelled text area. */
  public static Element textarea(Element parent, String name, String label, String value, int rows) {
    Element area = labelled(parent, name, label).appendElement("textarea").attr("id", name).attr("name", name)
        .attr("rows", Integer.toString(rows));
    area.text(value == null ? "" : value);
    return area;
  }

  /** A submit button. */
  public static Element submit(Element form, String label) {
    return form.appendElement("button").attr("type", "submit").text(label);
  }

  /** A time as the UI shows it, in a {@code time} element. */
  public static Element time(Element parent, Instant at) {
    return parent.appendElement("time").attr("datetime", at == null ? "" : at.toString())
        .text(at == null ? "" : WHEN.format(at));
  }

  /** A time as text. */
  public static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  /** A titled part of a page ({@code id} is its anchor). */
  public static Element section(Element main, String id, String title) {
    Element section = main.appendElement("section").addClass("panel").id(id).attr("aria-labelledby", id + "-title");
    section.appendElement("h2").id(id + "-title").text(title);
    return section;
  }

  /** A table with a header row; returns its body. */
  public static Element table(Element parent, String... columns) {
    Element table = parent.appendElement("table");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : columns) {
      head.appendElement("th").attr("scope", "col").text(column);
    }
    return table.appendElement("tbody");
  }

  /** After a successful POST: back to {@code path} with a GET (so a reload does not repeat it). */
  public static void done(Context ctx, String path) {
    ctx.redirect(path, HttpStatus.SEE_OTHER);
  }

  /** A form field, or "" when absent. */
  public static String value(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value;
  }
}
