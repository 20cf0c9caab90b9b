package eu.sovereignmail.gateway.spool;

/** Which way a message crossed the gateway; the archive journals it with this. */
public enum Direction {
  INBOUND, OUTBOUND, INTERNAL
}
