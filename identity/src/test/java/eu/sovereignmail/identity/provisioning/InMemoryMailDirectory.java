package eu.sovereignmail.identity.provisioning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A mail backend in maps, recording every write, for the provisioner's unit tests. */
final class InMemoryMailDirectory implements MailDirectoryTarget {
  final Set<String> domains = new TreeSet<>();
  final Set<String> users = new TreeSet<>();
  final Map<String, Set<String>> aliases = new TreeMap<>();
  final Map<String, Long> quotas = new HashMap<>();
  final Map<String, Set<String>> lists = new TreeMap<>();
  final Map<String, Set<String>> shared = new TreeMap<>();
  final List<String> writes = new ArrayList<>();
  boolean sharedSupported = true;
  boolean down;

  @Override
  public Set<String> domains() throws IOException {
    check();
    return Set.copyOf(domains);
  }

  @Override
  public void addDomain(String domain) throws IOException {
    write("addDomain " + domain);
    domains.add(domain);
  }

  @Override
  public Set<String> users() throws IOException {
    check();
    return Set.copyOf(users);
  }

  @Override
  public void addUser(String address) throws IOException {
    write("addUser " + address);
    if (!domains.contains(address.substring(address.indexOf('@') + 1))) {
      throw new IOException("domain not served: " + address);
    }
    users.add(address);
  }

  @Override
  public void removeUser(String address) throws IOException {
    write("removeUser " + address);
    users.remove(address);
  }

  @Override
  public Map<String, Set<String>> aliases() throws IOException {
    check();
    Map<String, Set<String>> copy = new HashMap<>();
    aliases.forEach((u, a) -> copy.put(u, Set.copyOf(a)));
    return copy;
  }

  @Override
  public void addAlias(String alias, String user) throws IOException {
    write("addAlias " + alias + " " + user);
    aliases.computeIfAbsent(user, u -> new TreeSet<>()).add(alias);
  }

  @Override
  public void removeAlias(String alias, String user) throws IOException {
    write("removeAlias " + alias + " " + user);
    aliases.getOrDefault(user, new HashSet<>()).remove(alias);
  }

  @Override
  public OptionalLong quota(String user) throws IOException {
    check();
    if (!users.contains(user)) {
      throw new IOException("no such user " + user);
    }
    Long q = quotas.get(user);
    return q == null ? OptionalLong.empty() : OptionalLong.of(q);
  }

  @Override
  public void setQuota(String user, OptionalLong bytes) throws IOException {
    write("setQuota " + user + " " + bytes);
    if (bytes.isPresent()) {
      quotas.put(user, bytes.getAsLong());
    } else {
      quotas.remove(user);
    }
  }

  @Override
  public Map<String, Set<String>> lists() throws IOException {
    check();
    Map<String, Set<String>> copy = new HashMap<>();
    lists.forEach((l, m) -> {
      if (!m.isEmpty()) {
        copy.put(l, Set.copyOf(m));
      }
    });
    return copy;
  }

  @Override
  public void addListMember(String list, String member) throws IOException {
    write("addListMember " + list + " " + member);
    lists.computeIfAbsent(list, l -> new TreeSet<>()).add(member);
  }

  @Override
  public void removeListMember(String list, String member) throws IOException {
    write("removeListMember " + list + " " + member);
    lists.getOrDefault(list, new HashSet<>()).remove(member);
  }

  @Override
  public Set<String> sharedMailboxMembers(String mailbox) throws IOException {
    check();
    if (!users.contains(mailbox)) {
      throw new IOException("no such mailbox " + mailbox);
    }
    return Set.copyOf(shared.getOrDefault(mailbox, Set.of()));
  }

  @Override
  public void grantSharedMailbox(String mailbox, String member) throws IOException {
    write("grant " + mailbox + " " + member);
    shared.computeIfAbsent(mailbox, m -> new TreeSet<>()).add(member);
  }

  @Override
  public void revokeSharedMailbox(String mailbox, String member) throws IOException {
    write("revoke " + mailbox + " " + member);
    shared.getOrDefault(mailbox, new HashSet<>()).remove(member);
  }

  @Override
  public boolean supportsSharedMailboxes() {
    return sharedSupported;
  }

  private void write(String what) throws IOException {
    check();
    writes.add(what);
  }

  private void check() throws IOException {
    if (down) {
      throw new IOException("backend down");
    }
  }
}
