package eu.sovereignmail.archive.journal;

import eu.sovereignmail.archive.blob.BlobId;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Journal#verify()}: the first place the hash chain breaks, if any, every
 * referenced blob that is missing or no longer matches its id, and every signed checkpoint that does not
 * hold (bad or untrusted signature, or a chain that no longer passes through it). A blob deleted by an
 * approved purge (it has a tombstone) is counted in {@code blobsPurged}, not reported as missing.
 */
public record VerifyReport(
    long entriesChecked,
    long blobsChecked,
    Optional<ChainBreak> firstChainBreak,
    List<BlobProblem> blobProblems,
    long checkpointsChecked,
    List<CheckpointProblem> checkpointProblems,
    long blobsPurged) {

  public VerifyReport {
    blobProblems = List.copyOf(blobProblems);
    checkpointProblems = List.copyOf(checkpointProblems);
  }

  /** A report without purged blobs. */
  public VerifyReport(long entriesChecked, long blobsChecked, Optional<ChainBreak> firstChainBreak,
      List<BlobProblem> blobProblems, long checkpointsChecked, List<CheckpointProblem> checkpointProblems) {
    this(entriesChecked, blobsChecked, firstChainBreak, blobProblems, checkpointsChecked, checkpointProblems, 0);
  }

  /** A report without checkpoints. */
  public VerifyReport(long entriesChecked, long blobsChecked, Optional<ChainBreak> firstChainBreak,
      List<BlobProblem> blobProblems) {
    this(entriesChecked, blobsChecked, firstChainBreak, blobProblems, 0, List.of(), 0);
  }

  /** True when the chain is intact, every blob is present and matches its id, and every checkpoint holds. */
  public boolean clean() {
    return firstChainBreak.isEmpty() && blobProblems.isEmpty() && checkpointProblems.isEmpty();
  }

  /** The first journal entry at which the chain no longer holds, and why. */
  public record ChainBreak(long sequence, String spoolRecordId, String reason) {}

  /** A blob the journal references that cannot be read back as its id says. */
  public record BlobProblem(BlobId id, Kind kind, String detail) {
    /** What is wrong with the blob. */
    public enum Kind {
      /** Not in the store. */
      MISSING,
      /** Present but altered: authentication, decompression or the hash check failed. */
      CORRUPT,
      /** Present but could not be read (an I/O error, e.g. permissions): its integrity is unknown. */
      UNREADABLE
    }
  }

  /** A signed checkpoint that does not hold. */
  public record CheckpointProblem(long sequence, String keyId, Kind kind, String detail) {
    /** What is wrong with the checkpoint. */
    public enum Kind {
      /** The signature does not verify: the checkpoint row was altered or forged. */
      BAD_SIGNATURE,
      /** Signed by a key that is neither the archive's checkpoint key nor one given to verify as trusted. */
      UNTRUSTED_KEY,
      /** The entry at the checkpoint's sequence has another hash (or is gone): history was rewritten. */
      NOT_ON_CHAIN
    }
  }
}
