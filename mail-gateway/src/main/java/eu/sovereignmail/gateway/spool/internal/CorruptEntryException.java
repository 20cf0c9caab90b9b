package eu.sovereignmail.gateway.spool.internal;

/** A spool file or record that fails its checksum or structure: a torn write, discarded (or cut) at recovery. */
public final class CorruptEntryException extends Exception {
  public CorruptEntryException(String message) {
    super(message);
  }
}
