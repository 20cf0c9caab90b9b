package eu.sovereignmail.archive.journal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The archive's write side: every message crossing the gateway is appended once, with its envelope, to
 * one hash chain, and can be checked for alteration at any time.
 */
public interface Journal {

  /**
   * Journals {@code rawMessage} with {@code envelope} under {@code spoolRecordId}. Durable when it returns
   * (blob fsynced, entry committed). Idempotent: a spool record journaled before returns its existing
   * receipt, marked duplicate, and writes nothing.
   *
   * @param spoolRecordId the gateway spool's id for this message: printable ASCII, at most 128 characters
   * @throws JournalConflictException when the spool record was journaled before with different bytes
   */
  JournalReceipt append(String spoolRecordId, Envelope envelope, byte[] rawMessage) throws IOException;

  /** As {@link #append(String, Envelope, byte[])}, reading the message to its end (the stream is not closed). */
  default JournalReceipt append(String spoolRecordId, Envelope envelope, InputStream rawMessage) throws IOException {
    return append(spoolRecordId, envelope, rawMessage.readAllBytes());
  }

  /**
   * The raw bytes of the message journaled under {@code spoolRecordId}, checked against its hash.
   *
   * @throws IllegalArgumentException when no entry has that spool record id
   */
  byte[] read(String spoolRecordId) throws IOException;

  /**
   * Recomputes the whole chain and every referenced blob's hash; reports the first chain break and every
   * missing or altered blob. Runs beside appends (it checks the chain as it was when it started).
   */
  VerifyReport verify() throws IOException;
}
