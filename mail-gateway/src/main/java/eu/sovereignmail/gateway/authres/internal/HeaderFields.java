package eu.sovereignmail.gateway.authres.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header section of a message as raw fields (each with its folded continuation lines and line ends, exactly as
 * received), so fields can be dropped without touching the bytes of the others. Reads up to the empty line.
 */
public final class HeaderFields {
  /** One field as it was on the wire. */
  public record Field(String name, byte[] raw) {
    /** The unfolded value after the colon. */
    public String value() {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      int colon = text.indexOf(':');
      return text.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").strip();
    }
  }

  private final List<Field> fields;
  private final byte[] separator;

  private HeaderFields(List<Field> fields, byte[] separator) {
    this.fields = List.copyOf(fields);
    this.separator = separator;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The empty line that ended the header section (empty when the message had no body). */
  public byte[] separator() {
    return separator.clone();
  }

  /** Reads the header section of {@code in}, which is left at the first body octet. At most {@code limit} octets. */
  public static HeaderFields read(InputStream in, int limit) throws IOException {
    List<Field> fields = new ArrayList<>();
    ByteArrayOutputStream current = null;
    String currentName = null;
    int consumed = 0;
    while (true) {
      byte[] line = readLine(in);
      consumed += line.length;
      if (consumed > limit) {
        throw new IOException("header section longer than " + limit + " octets");
      }
      boolean end = line.length == 0 || isBlank(line);
      boolean continuation = !end && (line[0] == ' ' || line[0] == '\t');
      if (current != null && !continuation) {
        fields.add(new Field(currentName, current.toByteArray()));
        current = null;
      }
      if (end) {
        return new HeaderFields(fields, line);
      }
      if (continuation && current != null) {
        current.write(line);
        continue;
      }
      String text = new String(line, StandardCharsets.ISO_8859_1);
      int colon = text.indexOf(':');
      currentName = colon > 0 ? text.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
      current = new ByteArrayOutputStream();
      current.write(line);
    }
  }

  private static boolean isBlank(byte[] line) {
    return (line.length == 2 && line[0] == '\r' && line[1] == '\n') || (line.length == 1 && line[0] == '\n');
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.toByteArray();
  }
}
