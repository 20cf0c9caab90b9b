package eu.sovereignmail.archive.message.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.message.ParseLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Attachment text through Tika, and the limits that keep hostile attachments from costing unbounded work. */
class AttachmentTextTest {
  private static final ParseLimits LIMITS = ParseLimits.defaults();

  @Test
  void readsTextFilesHtmlAndZipEntries() throws IOException {
    assertThat(extract("notes about the hearing".getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain").text())
        .isEqualTo("notes about the hearing");
    assertThat(extract("<html><body><p>minutes of <b>council</b></p><script>x()</script></body></html>"
        .getBytes(StandardCharsets.UTF_8), "m.html", "text/html").text()).contains("minutes of council")
        .doesNotContain("x()");
    byte[] zip = zip("inner.txt", "evidence inside the archive".getBytes(StandardCharsets.UTF_8));
    assertThat(extract(zip, "bundle.zip", "application/zip").text()).contains("evidence inside the archive");
  }

  @Test
  void aZipBombYieldsBoundedTextAndANote() throws IOException {
    // 64 MB of repeated text compresses to well under 1 MB: expanded in full it would flood the index.
    byte[] line = "bomb bomb bomb bomb bomb bomb bomb bomb bomb bomb bomb bomb\n".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      for (int written = 0; written < 64 * 1024 * 1024; written += line.length) {
        zip.write(line);
      }
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(1024 * 1024);

    AttachmentText.Result result = AttachmentText.extract(bytes.toByteArray(), "bomb.zip", "application/zip", LIMITS,
        100_000, System.nanoTime() + Duration.ofSeconds(30).toNanos());

    assertThat(result.text().length()).isLessThanOrEqualTo(100_000).isGreaterThan(50_000);
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("bomb.zip").contains("cut at 100000"));
  }

  @Test
  void deepNestingStopsAtTheDepthLimit() throws IOException {
    byte[] current = zip("level6.txt", "word-at-level-six".getBytes(StandardCharsets.UTF_8));
    for (int level = 5; level >= 1; level--) {
      current = zipWithText("level" + level + ".zip", current, "level" + level + ".txt", "word-at-level-" + level);
    }

    AttachmentText.Result result = extract(current, "nested.zip", "application/zip");

    assertThat(result.text()).contains("word-at-level-1", "word-at-level-2", "word-at-level-3")
        .doesNotContain("word-at-level-5", "word-at-level-six");
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("nested deeper than 3 levels"));
  }

  @Test
  void aPassedDeadlineStopsExtraction() throws IOException {
    AttachmentText.Result result = AttachmentText.extract(zip("a.txt", "late".getBytes(StandardCharsets.UTF_8)), "a.zip",
        "application/zip", LIMITS, 1000, System.nanoTime() - 1);
    assertThat(result.text()).doesNotContain("late");
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("time limit"));
  }

  @Test
  void garbageAndImagesGiveNoTextAndNoException() {
    byte[] garbage = new byte[5000];
    new java.util.Random(7).nextBytes(garbage);
    assertThat(extract(garbage, "x.pdf", "application/pdf").text()).isEmpty();
    assertThat(extract(garbage, "x.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .text()).isEmpty();
    assertThat(extract(garbage, "p.png", "image/png").notes()).isEmpty();
  }

  private static AttachmentText.Result extract(byte[] content, String name, String type) {
    return AttachmentText.extract(content, name, type, LIMITS, 100_000,
        System.nanoTime() + Duration.ofSeconds(30).toNanos());
  }

  private static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] zipWithText(String innerName, byte[] inner, String textName, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(textName));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(innerName));
      zip.write(inner);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
