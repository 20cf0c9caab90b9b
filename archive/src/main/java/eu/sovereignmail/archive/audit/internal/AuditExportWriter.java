package eu.sovereignmail.archive.audit.internal;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes audit entries as CSV or JSON, one at a time, so an export of any length streams. JSON keeps every
 * value as stored (an auditor can recompute each hash from it); CSV is for reading and spreadsheets.
 */
public final class AuditExportWriter implements AutoCloseable {
  private static final String CSV_HEADER = "seq,at,actor,roles,origin,action,target,detail,prev_hash,hash\r\n";

  private final AuditFormat format;
  private final Writer out;
  private long written;

  public AuditExportWriter(AuditFormat format, OutputStream out) throws IOException {
    this.format = format;
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.out.write(format == AuditFormat.CSV ? CSV_HEADER : "[");
  }

  public void write(AuditEntry entry) throws IOException {
    if (format == AuditFormat.CSV) {
      writeCsv(entry);
    } else {
      writeJson(entry);
    }
    written++;
  }

  public long written() {
    return written;
  }

  /** Finishes the document and flushes; the underlying stream stays open. */
  @Override
  public void close() throws IOException {
    if (format == AuditFormat.JSON) {
      out.write(written == 0 ? "]\n" : "\n]\n");
    }
    out.flush();
  }

  private void writeCsv(AuditEntry e) throws IOException {
    String[] cells = {Long.toString(e.seq()), e.at().toString(), e.actor(), String.join(" ", e.roles()), e.origin(),
        e.action(), e.target(), e.detail(), e.prevHash(), e.hash()};
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(csvCell(cells[i]));
    }
    out.write("\r\n");
  }

  /**
   * One RFC 4180 cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would run as a
   * formula ({@code = + - @}, tab, carriage return first) gets a leading {@code '}.
   */
  static String csvCell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private void writeJson(AuditEntry e) throws IOException {
    out.write(written == 0 ? "\n" : ",\n");
    out.write("{\"seq\":" + e.seq() + ",\"at\":" + jsonString(e.at().toString()) + ",\"actor\":" + jsonString(e.actor())
        + ",\"roles\":[");
    for (int i = 0; i < e.roles().size(); i++) {
      out.write((i > 0 ? "," : "") + jsonString(e.roles().get(i)));
    }
    out.write("],\"origin\":" + jsonString(e.origin()) + ",\"action\":" + jsonString(e.action()) + ",\"target\":"
        + jsonString(e.target()) + ",\"detail\":" + jsonString(e.detail()) + ",\"prevHash\":" + jsonString(e.prevHash())
        + ",\"hash\":" + jsonString(e.hash()) + "}");
  }

  /** A JSON string literal (RFC 8259): quote, backslash and control characters escaped; {@code </} kept harmless. */
  static String jsonString(String value) {
    StringBuilder text = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        case '<' -> text.append("\\u003c");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }
}
