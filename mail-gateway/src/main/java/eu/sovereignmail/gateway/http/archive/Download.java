package eu.sovereignmail.gateway.http.archive;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Bytes handed out as a file (a whole message or one attachment), always as a download and never rendered by the
 * browser: {@code Content-Disposition: attachment}, a safe file name, {@code nosniff}.
 */
public record Download(String fileName, String contentType, byte[] content) {
  public Download {
    fileName = safeName(fileName);
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
  }

  /** The Content-Disposition value: an ASCII fallback name plus the RFC 6266 / 5987 UTF-8 name. */
  public String disposition() {
    return attachment(fileName);
  }

  /** The Content-Disposition value for a download saved as {@code name} (made safe first). */
  public static String attachment(String name) {
    String fileName = safeName(name);
    String ascii = fileName.chars().map(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(fileName);
  }

  private static String safeName(String name) {
    String base = name == null ? "" : name;
    base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder();
    base.codePoints().filter(c -> c >= 0x20 && c != 0x7f).forEach(out::appendCodePoint);
    String clean = out.toString().strip();
    if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
      return "download.bin";
    }
    return clean.length() > 150 ? clean.substring(0, 150) : clean;
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
