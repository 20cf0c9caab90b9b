package eu.sovereignmail.gateway.authres;

/** What the gateway does with a message failing DMARC under its domain's policy: record it, file it as Junk, refuse it. */
public enum DmarcAction {
  /** Authentication-Results only. */
  TAG,
  /** Authentication-Results and {@code X-Sovereign-Spam: quarantine} (a Sieve or James rule files it in Junk). */
  QUARANTINE,
  /** 550 5.7.1 at the end of DATA: the sender's server bounces it, nothing is accepted. */
  REJECT
}
