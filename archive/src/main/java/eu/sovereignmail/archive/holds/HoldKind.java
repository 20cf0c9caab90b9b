package eu.sovereignmail.archive.holds;

/** What a hold covers: all mail to or from one address (optionally within dates), or everything a query finds. */
public enum HoldKind {
  CUSTODIAN,
  QUERY
}
