package eu.sovereignmail.archive.blob;

import java.io.IOException;

/** A blob that the archive references is not in the store: deleted, or never written. */
public final class BlobNotFoundException extends IOException {
  private final BlobId id;

  public BlobNotFoundException(BlobId id) {
    super("blob " + id + " is not in the store");
    this.id = id;
  }

  public BlobId id() {
    return id;
  }
}
