package eu.sovereignmail.gateway.spool;

/**
 * A next hop one recipient's copy can go to. A route may need more than one (DUAL: James and the legacy provider);
 * the spool remembers which were reached so a redo never delivers the same copy twice.
 */
public enum Destination {
  /** The James backend on loopback (LMTP). */
  JAMES,
  /** The legacy provider's inbound smart host. */
  LEGACY,
  /** A host outside the institution (outbound relay or MX). */
  REMOTE
}
