package eu.sovereignmail.gateway.imap;

import java.util.List;
import java.util.Optional;

/**
 * The commands the gateway answers itself before login (RFC 9051 not-authenticated state); everything after login
 * goes to James untouched, so nothing else is modelled here.
 */
public sealed interface ImapCommand {
  record Capability() implements ImapCommand {}

  record Noop() implements ImapCommand {}

  record Logout() implements ImapCommand {}

  record StartTls() implements ImapCommand {}

  /** RFC 2971 ID: the client's field/value pairs (empty for NIL); kept only for the log. */
  record Id(List<String> fields) implements ImapCommand {}

  record Login(String user, String password) implements ImapCommand {
    @Override
    public String toString() {
      return "Login[user=" + user + ", password=***]";
    }
  }

  /** {@code initialResponse} is the SASL-IR argument (RFC 4959), {@code "="} meaning empty. */
  record Authenticate(String mechanism, Optional<String> initialResponse) implements ImapCommand {
    @Override
    public String toString() {
      return "Authenticate[mechanism=" + mechanism + ", initialResponse=" + (initialResponse.isPresent() ? "***" : "none") + "]";
    }
  }

  /** A well-formed command that only makes sense after login (SELECT, FETCH, ...): refused with BAD. */
  record NotYet(String name) implements ImapCommand {}
}
