package eu.sovereignmail.bench.imap;

/** The measured steps of one benchmark session, in the order the workload runs them; each gets its own latencies. */
public enum Step {
  CONNECT("TCP connect (+ TLS handshake)"),
  GREETING("greeting"),
  LOGIN("LOGIN"),
  SELECT("SELECT INBOX"),
  FETCH_HEADERS("FETCH 1:* (FLAGS ENVELOPE)"),
  FETCH_BODY("FETCH n BODY.PEEK[]"),
  IDLE("IDLE → +"),
  DONE("DONE → OK"),
  LOGOUT("LOGOUT");

  private final String label;

  Step(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
