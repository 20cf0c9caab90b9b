package eu.sovereignmail.identity.importing.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a character stream, each with the line it starts on, so that every error in a people file
 * can name its line. Fields are separated by commas; a field in double quotes may hold commas, line breaks and
 * doubled quotes; CRLF and LF both end a record. A malformed record (text after a closing quote, a quote never
 * closed) is returned with its problem rather than thrown, so one bad row never hides the rest.
 */
public final class CsvRecords {

  /** One record: its fields, the line it starts on (1-based), and what was wrong with it ({@code null} if nothing). */
  public record Record(int line, List<String> fields, String problem) {
    public Record {
      fields = List.copyOf(fields);
    }

    /** True for a line holding nothing at all (skipped by readers of the file). */
    public boolean blank() {
      return problem == null && fields.size() == 1 && fields.get(0).isEmpty();
    }
  }

  private CsvRecords() {}

  /** Every record of {@code in}; a UTF-8 byte-order mark at the start is ignored. */
  public static List<Record> read(Reader in) throws IOException {
    List<Record> records = new ArrayList<>();
    int line = 1;
    int c = in.read();
    if (c == '\uFEFF') {
      c = in.read();
    }
    while (c != -1) {
      int start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      String problem = null;
      boolean quoted = false;
      boolean afterQuote = false;
      boolean fieldStart = true;
      boolean end = false;
      while (!end) {
        if (c == -1) {
          if (quoted) {
            problem = "a quoted field opened here is never closed";
          }
          fields.add(field.toString());
          break;
        }
        if (quoted) {
          if (c == '"') {
            int next = in.read();
            if (next == '"') {
              field.append('"');
              c = in.read();
            } else {
              quoted = false;
              afterQuote = true;
              c = next;
            }
            continue;
          }
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
          c = in.read();
          continue;
        }
        switch (c) {
          case ',' -> {
            fields.add(field.toString());
            field.setLength(0);
            fieldStart = true;
            afterQuote = false;
            c = in.read();
            continue;
          }
          case '\r' -> {
            int next = in.read();
            if (next != '\n') {
              // a lone CR ends the record too
              fields.add(field.toString());
              line++;
              c = next;
              end = true;
              continue;
            }
            c = next;
            continue;
          }
          case '\n' -> {
            fields.add(field.toString());
            line++;
            c = in.read();
            end = true;
            continue;
          }
          case '"' -> {
            if (fieldStart) {
              quoted = true;
              fieldStart = false;
              c = in.read();
              continue;
            }
            if (problem == null) {
              problem = "a double quote inside an unquoted field (quote the whole field and double the quote)";
            }
          }
          default -> {
            if (afterQuote && problem == null) {
              problem = "text after the closing quote of a field";
            }
          }
        }
        field.append((char) c);
        fieldStart = false;
        c = in.read();
      }
      records.add(new Record(start, fields, problem));
    }
    return records;
  }
}
