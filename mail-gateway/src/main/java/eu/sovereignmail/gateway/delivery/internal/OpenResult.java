package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.smtp.SmtpReply;

/**
 * What setting up a session gave: a connection ready for transactions, or a reply that decides every recipient
 * without a transaction (e.g. TLS required but not offered), so policy refusals are replies, not exceptions.
 */
public sealed interface OpenResult {
  record Ready(ClientConnection connection) implements OpenResult {}

  record Refused(SmtpReply reply) implements OpenResult {}
}
