package eu.sovereignmail.archive.journal;

import eu.sovereignmail.archive.blob.BlobId;

/**
 * Proof that a spool record is journaled, durably: the caller may now mark its archive step done.
 *
 * @param sequence the entry's place in the chain (1, 2, …)
 * @param blobId the message's content address
 * @param entryHash the entry's chained hash (hex)
 * @param duplicate true when this spool record had been journaled before and nothing new was written
 */
public record JournalReceipt(long sequence, BlobId blobId, String entryHash, boolean duplicate) {}
