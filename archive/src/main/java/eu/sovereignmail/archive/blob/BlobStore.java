package eu.sovereignmail.archive.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

/**
 * Where the archive keeps raw messages: content-addressed by the SHA-256 of the raw bytes, so identical
 * bytes are stored once. Implementations seal (compress and encrypt) what they store; callers only ever
 * see raw bytes. A {@code put} is durable when it returns.
 */
public interface BlobStore {

  /** Stores {@code raw} (unless a blob with its id exists) and returns its id. */
  BlobId put(byte[] raw) throws IOException;

  /**
   * Stores the bytes read from {@code raw} until its end. The message is held in memory while it is
   * sealed (the gateway's message size limit bounds it); the stream is not closed.
   */
  default BlobId put(InputStream raw) throws IOException {
    return put(raw.readAllBytes());
  }

  /**
   * The raw bytes of {@code id}.
   *
   * @throws BlobNotFoundException when no blob has that id
   * @throws BlobIntegrityException when the stored blob fails authentication or does not hash to its id
   */
  byte[] get(BlobId id) throws IOException;

  /** Whether a blob with {@code id} is stored (its content is not checked). */
  boolean exists(BlobId id) throws IOException;

  /**
   * Removes blob {@code id} for good (an approved purge); durable when it returns. Returns whether a blob
   * was there; deleting an absent blob is not an error, so a purge interrupted half-way can be redone.
   */
  boolean delete(BlobId id) throws IOException;

  /** Every stored id, in no particular order; close the stream when done. */
  Stream<BlobId> ids() throws IOException;

  /** How many blobs the store holds and their stored size (reads the whole listing: for statistics, not hot paths). */
  BlobUsage usage() throws IOException;
}
