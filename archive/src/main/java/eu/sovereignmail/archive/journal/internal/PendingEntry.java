package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.journal.Envelope;

/** One append waiting for its group commit: its blob is stored already, only its entry is left to chain. */
record PendingEntry(String spoolRecordId, Envelope envelope, BlobId blobId, long size, String messageId) {}
