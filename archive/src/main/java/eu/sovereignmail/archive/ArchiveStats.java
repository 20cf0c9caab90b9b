package eu.sovereignmail.archive;

/**
 * How much the archive holds and what storing it costs, for {@code archive stats} and capacity planning.
 *
 * @param messages distinct messages (one per blob the journal references)
 * @param entries journal entries (every crossing of the gateway, duplicates included)
 * @param blobs blobs in the store (more than {@code messages} if an append crashed between blob and entry)
 * @param rawBytes size of the distinct messages as received
 * @param journaledBytes size of every journaled message, duplicates counted each time (what dedup saves from)
 * @param storedBytes what the blob store takes, compressed and sealed
 * @param checkpoints signed checkpoints stored
 * @param lastCheckpointSeq the chain entry the newest checkpoint names (0: none)
 */
public record ArchiveStats(long messages, long entries, long blobs, long rawBytes, long journaledBytes,
    long storedBytes, long checkpoints, long lastCheckpointSeq) {

  /** Stored bytes per raw byte (0 for an empty archive). */
  public double storedToRawRatio() {
    return rawBytes == 0 ? 0 : (double) storedBytes / rawBytes;
  }
}
