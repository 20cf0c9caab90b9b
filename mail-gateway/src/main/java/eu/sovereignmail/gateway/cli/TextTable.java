package eu.sovereignmail.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the admin commands: a header row and left-aligned columns as wide as their widest cell. */
final class TextTable {
  private static final String GAP = "  ";
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... headers) {
    this.columns = headers.length;
    rows.add(headers);
  }

  TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  void print(PrintWriter out) {
    print(out, "");
  }

  /** Prints the table with every line starting with {@code indent} (a table under a heading). */
  void print(PrintWriter out, String indent) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
        }
      }
      out.println(indent + line.toString().stripTrailing());
    }
  }

  /** A JSON text value for a cell: "-" when absent or empty. */
  static String cell(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() || value.asText().isEmpty() ? "-" : value.asText();
  }

  /** An ISO-8601 instant to the second ({@code 2025-03-01T10:15:30Z}); "-" when absent. */
  static String when(JsonNode instant) {
    String text = cell(instant);
    int dot = text.indexOf('.');
    return dot > 0 && text.endsWith("Z") ? text.substring(0, dot) + "Z" : text;
  }

  /** An instant to the second, UTC ({@code 2025-03-01T10:15:30Z}); "-" when absent. */
  static String when(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A duration in seconds as the two largest units, e.g. {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 4d03h}. */
  static String age(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
    }
    return seconds / 86_400 + "d" + String.format("%02dh", seconds % 86_400 / 3600);
  }

  /** {@code text} cut to {@code max} characters with an ellipsis. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
