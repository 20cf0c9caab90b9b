package eu.sovereignmail.identity.provisioning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keycloak as lists the test edits: users, mail groups and admin events. */
final class FakeIdentitySource implements IdentitySource {
  final Map<String, MailUser> users = new LinkedHashMap<>();
  final Map<String, MailGroup> groups = new LinkedHashMap<>();
  final List<AdminChange> events = new ArrayList<>();
  boolean down;

  void put(MailUser user) {
    users.put(user.id(), user);
  }

  void put(MailGroup group) {
    groups.put(group.id(), group);
  }

  @Override
  public List<MailUser> users() throws IOException {
    check();
    return List.copyOf(users.values());
  }

  @Override
  public Optional<MailUser> user(String id) throws IOException {
    check();
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public List<MailGroup> groups() throws IOException {
    check();
    return List.copyOf(groups.values());
  }

  @Override
  public Optional<MailGroup> group(String id) throws IOException {
    check();
    return Optional.ofNullable(groups.get(id));
  }

  @Override
  public List<AdminChange> adminChanges(long fromMillis, int max) throws IOException {
    check();
    return events.stream().filter(e -> e.timeMillis() >= fromMillis).limit(max).toList();
  }

  private void check() throws IOException {
    if (down) {
      throw new IOException("Keycloak down");
    }
  }
}
