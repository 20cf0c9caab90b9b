package eu.sovereignmail.archive.retention;

/**
 * What executing an approved purge did: messages purged, kept by a hold, already gone, and blobs deleted
 * (fewer than purged messages when another message still needs a blob).
 */
public record PurgeOutcome(long proposalId, int purged, int skippedHeld, int alreadyGone, int blobsDeleted) {}
