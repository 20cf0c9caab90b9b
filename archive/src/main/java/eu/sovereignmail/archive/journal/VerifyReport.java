package eu.sovereignmail.archive.journal;

import eu.sovereignmail.archive.blob.BlobId;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Journal#verify()}: the first place the hash chain breaks, if any, and every
 * referenced blob that is missing or no longer matches its id.
 */
public record VerifyReport(
    long entriesChecked, long blobsChecked, Optional<ChainBreak> firstChainBreak, List<BlobProblem> blobProblems) {

  public VerifyReport {
    blobProblems = List.copyOf(blobProblems);
  }

  /** True when the chain is intact and every blob is present and matches its id. */
  public boolean clean() {
    return firstChainBreak.isEmpty() && blobProblems.isEmpty();
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
}
