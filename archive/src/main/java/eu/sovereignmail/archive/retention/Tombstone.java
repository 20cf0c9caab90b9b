package eu.sovereignmail.archive.retention;

import java.time.Instant;
import java.util.Optional;

/**
 * What remains of a purged message: its blob's hash and dates, who proposed and who approved the purge,
 * and when. The journal entries stay, so the chain still verifies; this row explains the missing blob.
 */
public record Tombstone(
    long proposalId,
    long archivedId,
    String sha256,
    Optional<String> messageId,
    Optional<Instant> sentAt,
    Instant firstReceivedAt,
    String proposedBy,
    String approvedBy,
    Instant purgedAt,
    boolean blobDeleted) {}
