package eu.sovereignmail.archive.export.internal;

import java.time.Instant;
import java.util.List;

/**
 * One exported message as the manifest lists it: where it is in the export, the SHA-256 of its bytes (its
 * blob id), the headers a reviewer matches it by, and the journal entry that proves when it was archived.
 *
 * @param date the Date header, else when the archive first received it
 * @param recipients header (To, Cc) and envelope recipients, sorted, without duplicates
 */
public record ManifestEntry(long archiveId, String file, String sha256, long size, String messageId, Instant date,
    String from, List<String> recipients, String journalEntryHash) {
  public ManifestEntry {
    recipients = List.copyOf(recipients);
  }
}
