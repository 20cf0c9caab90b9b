package eu.sovereignmail.archive.blob;

import java.io.IOException;

/** A stored blob that cannot be trusted: altered, truncated, swapped, or sealed with a key we do not hold. */
public final class BlobIntegrityException extends IOException {
  private final BlobId id;

  public BlobIntegrityException(BlobId id, String reason) {
    super("blob " + id + ": " + reason);
    this.id = id;
  }

  public BlobIntegrityException(BlobId id, String reason, Throwable cause) {
    super("blob " + id + ": " + reason, cause);
    this.id = id;
  }

  public BlobId id() {
    return id;
  }
}
