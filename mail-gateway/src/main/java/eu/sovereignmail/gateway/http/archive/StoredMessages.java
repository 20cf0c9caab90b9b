package eu.sovereignmail.gateway.http.archive;

import java.io.IOException;

/**
 * The stored bytes of one journal copy, for rendering a message already opened (and audited) through
 * {@code ArchiveSearch.show}: its HTML body is shown sanitized from them. The archive's journal backs it.
 */
@FunctionalInterface
public interface StoredMessages {
  byte[] read(String spoolRecordId) throws IOException;
}
