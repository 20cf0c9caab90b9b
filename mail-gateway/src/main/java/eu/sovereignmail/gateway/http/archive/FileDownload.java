package eu.sovereignmail.gateway.http.archive;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a large file (an export) for download only, streamed from disk, with single-range {@code Range} requests
 * (RFC 9110: {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) so an interrupted download resumes where it
 * stopped; {@code If-Range} with the file's ETag makes a resume of a changed file start over. Written straight to the
 * servlet stream, so no response compression interferes with the byte ranges.
 *
 * @param file the file to send
 * @param name the file name the browser saves it as
 * @param contentType its media type
 * @param etag a strong validator (e.g. the file's SHA-256), or null
 */
public record FileDownload(Path file, String name, String contentType, String etag) {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** The first and last byte of a satisfiable range. */
  record Span(long first, long last) {
    long length() {
      return last - first + 1;
    }
  }

  /**
   * The span {@code header} asks for in a file of {@code size} bytes: empty for the whole file (no header, several
   * ranges, a unit other than bytes, a malformed header: all answered with the whole file, as RFC 9110 allows);
   * {@code null} when the range cannot be satisfied.
   */
  static Optional<Span> span(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        return suffix == 0 || size == 0 ? null : Optional.of(new Span(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      Long asked = m.group(2).isEmpty() ? null : Long.parseLong(m.group(2));
      if (asked != null && asked < first) {
        return Optional.empty();
      }
      if (first >= size) {
        return null;
      }
      return Optional.of(new Span(first, asked == null ? size - 1 : Math.min(asked, size - 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Answers the request: 200 with the whole file, 206 with the asked range, or 416 for one past the end. */
  public void send(Context ctx) throws IOException {
    long size = Files.size(file);
    String quotedTag = etag == null ? null : "\"" + etag + "\"";
    String ifRange = ctx.header("If-Range");
    boolean rangeApplies = ifRange == null || ifRange.strip().equals(quotedTag);
    Optional<Span> span = rangeApplies ? span(ctx.header("Range"), size) : Optional.empty();
    ctx.header("Accept-Ranges", "bytes")
        .header("Content-Disposition", Download.attachment(name))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", "default-src 'none'; sandbox");
    if (quotedTag != null) {
      ctx.header("ETag", quotedTag);
    }
    if (span == null) {
      ctx.status(416).header("Content-Range", "bytes */" + size).result("");
      return;
    }
    long first = span.map(Span::first).orElse(0L);
    long length = span.map(Span::length).orElse(size);
    ctx.status(span.isPresent() ? 206 : 200).contentType(contentType);
    span.ifPresent(s -> ctx.header("Content-Range", "bytes " + s.first() + "-" + s.last() + "/" + size));
    ctx.res().setContentLengthLong(length);
    if ("HEAD".equals(ctx.method().name())) {
      return;
    }
    try (InputStream in = Files.newInputStream(file); OutputStream out = ctx.res().getOutputStream()) {
      in.skipNBytes(first);
      byte[] buffer = new byte[64 * 1024];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }
}
