package eu.sovereignmail.archive.message;

/**
 * One address from a header: what searches match and what a result shows.
 *
 * @param address the addr-spec as written (e.g. {@code alice@example.eu}); may be odd in broken mail
 * @param displayName the decoded display name, or {@code ""}
 */
public record Mailbox(String address, String displayName) {
  public Mailbox {
    address = address == null ? "" : address.strip();
    displayName = displayName == null ? "" : displayName.strip();
  }

  /** {@code "Name <address>"}, or just the address. */
  @Override
  public String toString() {
    return displayName.isEmpty() ? address : displayName + " <" + address + ">";
  }
}
