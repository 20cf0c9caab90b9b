package eu.sovereignmail.gateway.imap.session;

import java.util.List;

/**
 * Opens the user's session on James once identity accepted the login; the server implements it with a real IMAP
 * connection (admin impersonation) and its per-user limit, tests with a stand-in.
 */
@FunctionalInterface
public interface Backend {
  /** {@code mailbox} is the James user (the principal's address); {@code username} the account, for per-user limits. */
  Opening open(String mailbox, String username);

  /** An open, logged-in backend session; the server splices it to the client. */
  interface Link extends AutoCloseable {
    /** The backend's capabilities after login (what the client's OK carries). */
    List<String> capabilities();

    @Override
    void close();
  }

  sealed interface Opening {
    record Opened(Link link) implements Opening {}

    /** James cannot be reached or refused the administrator: the client may retry later. */
    record Unavailable(String reason) implements Opening {}

    /** The user already has as many sessions as allowed. */
    record TooManySessions() implements Opening {}
  }
}
