package eu.sovereignmail.archive.message.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.tika.parser.AutoDetectParser;
import org.junit.jupiter.api.Test;

/** Which attachments go to Tika: documents and text do, declared media and binary data without a signature do not. */
class ExtractableContentTest {
  private static final ExtractableContent EXTRACTABLE = new ExtractableContent(new AutoDetectParser());
  private static final String OCTETS = "application/octet-stream";

  @Test
  void documentsAreRecognizedByTheirSignatureWhateverTheDeclaredType() throws IOException {
    assertThat(EXTRACTABLE.mayHoldText(withTail("%PDF-1.7\n"), OCTETS)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(zip(), OCTETS)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(zip(), null)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(withTail(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
        (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}), OCTETS)).as("OLE2: .doc, .xls, .ppt, .msg").isTrue();
    assertThat(EXTRACTABLE.mayHoldText(gzip(), OCTETS)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(withTail(new byte[] {0x78, (byte) 0x9F, 0x3E, 0x22}), OCTETS))
        .as("TNEF (winmail.dat)").isTrue();
    assertThat(EXTRACTABLE.signatureCount()).isBetween(20, 400);
  }

  @Test
  void textIsReadInAnyEncodingTikaRecognizes() {
    assertThat(EXTRACTABLE.mayHoldText("minutes of the council".getBytes(StandardCharsets.UTF_8), OCTETS)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText("procès-verbal de la réunion".getBytes(StandardCharsets.UTF_8), null)).isTrue();
    assertThat(EXTRACTABLE.mayHoldText("\uFEFFminutes".getBytes(StandardCharsets.UTF_16BE), OCTETS))
        .as("UTF-16 with a byte order mark").isTrue();
    assertThat(EXTRACTABLE.mayHoldText("{\\rtf1\\ansi minutes}".getBytes(StandardCharsets.US_ASCII), OCTETS)).isTrue();
  }

  @Test
  void aDeclaredTypeWithAParserIsTrustedAndMediaAreNot() {
    byte[] random = random(5000);
    assertThat(EXTRACTABLE.mayHoldText(random, "application/pdf")).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(random, "Application/MSWord")).isTrue();
    assertThat(EXTRACTABLE.mayHoldText(random,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isTrue();
    assertThat(EXTRACTABLE.mayHoldText("looks like text".getBytes(StandardCharsets.US_ASCII), "image/png")).isFalse();
    assertThat(EXTRACTABLE.mayHoldText(withTail("%PDF-1.4"), "video/mp4")).isFalse();
  }

  @Test
  void binaryDataWithoutADocumentSignatureIsNotRead() {
    assertThat(EXTRACTABLE.mayHoldText(random(20_000), OCTETS)).isFalse();
    assertThat(EXTRACTABLE.mayHoldText(random(1_000), null)).isFalse();
    assertThat(EXTRACTABLE.mayHoldText(random(3_000), "application/pkcs7-signature")).isFalse();
    assertThat(EXTRACTABLE.mayHoldText(random(3_000), "application/x-unknown-thing")).isFalse();
    assertThat(EXTRACTABLE.mayHoldText(new byte[0], OCTETS)).isFalse();
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    bytes[0] = 0x01; // no accidental signature at the start
    return bytes;
  }

  private static byte[] withTail(String head) {
    return withTail(head.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] withTail(byte[] head) {
    byte[] bytes = random(4096);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static byte[] zip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("compressed minutes".getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
