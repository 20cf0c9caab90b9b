package eu.sovereignmail.gateway.delivery;

/** The AUTH PLAIN/LOGIN login a relay uses at its smart host; {@code toString()} never shows the password. */
public record RelayCredentials(String username, String password) {
  public RelayCredentials {
    if (username == null || username.isEmpty() || username.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
      throw new IllegalArgumentException("username must be non-empty, without NUL, CR or LF");
    }
    if (password == null || password.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
      throw new IllegalArgumentException("password must be set, without NUL, CR or LF");
    }
  }

  @Override
  public String toString() {
    return "RelayCredentials[username=" + username + ", password=***]";
  }
}
