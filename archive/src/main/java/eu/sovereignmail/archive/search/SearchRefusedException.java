package eu.sovereignmail.archive.search;

/** A query the actor may not run (e.g. {@code bcc:} without a legal role); the position names the term. */
public final class SearchRefusedException extends RuntimeException {
  private final int position;

  public SearchRefusedException(String reason, int position) {
    super(reason + " (at position " + (position + 1) + ")");
    this.position = position;
  }

  public int position() {
    return position;
  }
}
