package eu.sovereignmail.archive.journal;

/** Which way a journaled message crossed the gateway; legal searches and retention rules filter on it. */
public enum Direction {
  /** From outside to a local recipient. */
  INBOUND,
  /** From a local sender to outside. */
  OUTBOUND,
  /** From a local sender to local recipients only. */
  INTERNAL
}
