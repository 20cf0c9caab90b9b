package eu.sovereignmail.archive.search.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One attachment of an archived message as listed in the database: name, type, size, content hash. */
@Embeddable
public class AttachmentValue {
  @Column(name = "file_name", length = 512)
  private String fileName;

  @Column(name = "media_type", nullable = false, length = 255)
  private String mediaType;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "sha256", nullable = false, length = 64)
  private String sha256;

  protected AttachmentValue() {}

  public AttachmentValue(String fileName, String mediaType, long sizeBytes, String sha256) {
    this.fileName = fileName == null ? null : Columns.clip(fileName, 512);
    this.mediaType = Columns.clip(mediaType, 255);
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
  }

  public String fileName() {
    return fileName;
  }

  public String mediaType() {
    return mediaType;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public String sha256() {
    return sha256;
  }
}
