package eu.sovereignmail.gateway.imap.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The logged-in connections per user: enforces the per-user cap and finds a user's sessions when identity revokes them. */
final class SessionRegistry {
  private final int maxPerUser;
  private final Map<String, Set<ImapConnection>> byUser = new HashMap<>();

  SessionRegistry(int maxPerUser) {
    this.maxPerUser = maxPerUser;
  }

  /** Takes a slot for {@code connection}; false when the user has no slot left. */
  synchronized boolean claim(String username, ImapConnection connection) {
    Set<ImapConnection> sessions = byUser.computeIfAbsent(username, u -> new HashSet<>());
    if (sessions.size() >= maxPerUser) {
      if (sessions.isEmpty()) {
        byUser.remove(username);
      }
      return false;
    }
    return sessions.add(connection);
  }

  synchronized void release(String username, ImapConnection connection) {
    Set<ImapConnection> sessions = byUser.get(username);
    if (sessions != null && sessions.remove(connection) && sessions.isEmpty()) {
      byUser.remove(username);
    }
  }

  synchronized List<ImapConnection> of(String username) {
    return List.copyOf(byUser.getOrDefault(username, Set.of()));
  }
}
