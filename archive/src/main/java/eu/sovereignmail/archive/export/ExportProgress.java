package eu.sovereignmail.archive.export;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one case export stands, for the case page's progress bar and the download link.
 *
 * @param total messages selected when it started
 * @param done messages written so far (staged for packing; missing ones, purged meanwhile, count as done)
 * @param missing selected messages that were gone (purged) when their turn came
 * @param bytes size of the finished file
 * @param sha256 SHA-256 of the finished file
 */
public record ExportProgress(
    long id,
    long caseId,
    ExportFormat format,
    Status status,
    int total,
    int done,
    int missing,
    String requestedBy,
    Instant requestedAt,
    Optional<Instant> finishedAt,
    Optional<Long> bytes,
    Optional<String> sha256,
    Optional<String> error) {

  /** Where an export is. */
  public enum Status {
    /** Being written (after a restart it continues where it stopped). */
    RUNNING,
    /** Finished: ready to download. */
    DONE,
    /** Stopped by an error ({@code error} says which). */
    FAILED
  }

  /** Percent written, 0 to 100. */
  public int percent() {
    return status == Status.DONE ? 100 : total == 0 ? 0 : (int) Math.min(99, 100L * done / total);
  }
}
