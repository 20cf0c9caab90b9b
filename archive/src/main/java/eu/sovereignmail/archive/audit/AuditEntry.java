package eu.sovereignmail.archive.audit;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit trail as stored: who did what to which target, from where and when, chained to
 * the entry before it so that editing or deleting any line shows in {@link AuditLog#verify()}.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param at when it was recorded (UTC, microseconds)
 * @param actor the acting user's name
 * @param roles the actor's roles at the time, sorted
 * @param origin the client address, {@code cli} or {@code local}
 * @param action a lower-case dotted word such as {@code archive.search} or {@code hold.place}
 * @param target what the action was on ({@code message:42}, {@code case:3}, {@code hold:7}, {@code archive}), or empty
 * @param detail what else matters (the query text and result count, a reason); never message content
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash lower-case hex SHA-256 of the entry's canonical encoding
 */
public record AuditEntry(long seq, Instant at, String actor, List<String> roles, String origin, String action,
    String target, String detail, String prevHash, String hash) {
  public AuditEntry {
    roles = List.copyOf(roles);
  }
}
