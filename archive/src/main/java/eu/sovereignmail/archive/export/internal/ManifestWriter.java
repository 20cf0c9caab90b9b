package eu.sovereignmail.archive.export.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an export's manifest as CSV (RFC 4180, for spreadsheets) and JSON (for tools, and what the
 * signature covers) at the same time, one message at a time, so a manifest of any size streams.
 */
public final class ManifestWriter implements AutoCloseable {
  /** The CSV header row. */
  public static final String CSV_HEADER =
      "archive_id,file,sha256,size,message_id,date,from,recipients,journal_entry_hash";

  private final Writer csv;
  private final Writer json;
  private final List<Long> missing = new ArrayList<>();
  private long count;
  private boolean closed;

  /**
   * Starts both files. The JSON header names the export so a signed manifest cannot be passed off as another's.
   */
  public ManifestWriter(Writer csv, Writer json, long exportId, long caseId, String format, Instant requestedAt,
      String requestedBy, String signingKeyId) throws IOException {
    this.csv = csv;
    this.json = json;
    csv.write(CSV_HEADER + "\r\n");
    json.write("{\n  \"export\": " + exportId + ",\n  \"case\": " + caseId + ",\n  \"format\": " + string(format)
        + ",\n  \"requestedAt\": " + string(requestedAt.toString()) + ",\n  \"requestedBy\": " + string(requestedBy)
        + ",\n  \"signature\": {\"algorithm\": \"Ed25519\", \"keyId\": " + string(signingKeyId)
        + ", \"file\": \"manifest.json.sig\"},\n  \"messages\": [");
  }

  /** Adds one message to both files. */
  public void add(ManifestEntry entry) throws IOException {
    csv.write(String.join(",", List.of(Long.toString(entry.archiveId()), cell(entry.file()), entry.sha256(),
        Long.toString(entry.size()), cell(entry.messageId()), cell(entry.date() == null ? "" : entry.date().toString()),
        cell(entry.from()), cell(String.join(" ", entry.recipients())), cell(entry.journalEntryHash()))) + "\r\n");
    StringBuilder recipients = new StringBuilder("[");
    for (String recipient : entry.recipients()) {
      recipients.append(recipients.length() > 1 ? ", " : "").append(string(recipient));
    }
    json.write((count == 0 ? "\n" : ",\n") + "    {\"archiveId\": " + entry.archiveId() + ", \"file\": "
        + string(entry.file()) + ", \"sha256\": " + string(entry.sha256()) + ", \"size\": " + entry.size()
        + ", \"messageId\": " + string(entry.messageId()) + ", \"date\": "
        + string(entry.date() == null ? null : entry.date().toString()) + ", \"from\": " + string(entry.from())
        + ", \"recipients\": " + recipients.append(']') + ", \"journalEntryHash\": " + string(entry.journalEntryHash())
        + "}");
    count++;
  }

  /** Notes a selected message that was gone (purged) when the export reached it. */
  public void missing(long archiveId) {
    missing.add(archiveId);
  }

  /** Ends both files (the JSON gets the count and the missing ids); does not close the writers. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    StringBuilder gone = new StringBuilder("[");
    for (long id : missing) {
      gone.append(gone.length() > 1 ? ", " : "").append(id);
    }
    json.write((count == 0 ? "]" : "\n  ]") + ",\n  \"count\": " + count + ",\n  \"missing\": " + gone.append(']')
        + "\n}\n");
    csv.flush();
    json.flush();
  }

  /** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180); null is empty. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    if (value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r' || ch == '\n')) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  /** A JSON string literal (RFC 8259 escapes), or {@code null}. */
  static String string(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
