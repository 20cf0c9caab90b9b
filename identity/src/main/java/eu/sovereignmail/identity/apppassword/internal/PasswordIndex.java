package eu.sovereignmail.identity.apppassword.internal;

import eu.sovereignmail.identity.apppassword.StoredAppPassword;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable snapshot of the active app passwords, by id and by login key (username and email, lower case), so that
 * a login without app passwords costs one map lookup and a login with some never waits for the database.
 */
public final class PasswordIndex {
  private static final PasswordIndex EMPTY = new PasswordIndex(Map.of(), Map.of());

  private final Map<String, StoredAppPassword> byId;
  private final Map<String, List<StoredAppPassword>> byLogin;

  private PasswordIndex(Map<String, StoredAppPassword> byId, Map<String, List<StoredAppPassword>> byLogin) {
    this.byId = byId;
    this.byLogin = byLogin;
  }

  public static PasswordIndex empty() {
    return EMPTY;
  }

  public static PasswordIndex of(Collection<StoredAppPassword> passwords) {
    Map<String, StoredAppPassword> byId = new HashMap<>();
    Map<String, List<StoredAppPassword>> byLogin = new HashMap<>();
    for (StoredAppPassword p : passwords) {
      byId.put(p.info().id(), p);
      byLogin.computeIfAbsent(p.info().account().username(), k -> new ArrayList<>()).add(p);
      String email = p.info().account().email();
      if (!email.isEmpty() && !email.equals(p.info().account().username())) {
        byLogin.computeIfAbsent(email, k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, List<StoredAppPassword>> frozen = new HashMap<>();
    byLogin.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
    return new PasswordIndex(Map.copyOf(byId), Map.copyOf(frozen));
  }

  /** The passwords a login (username or email, lower case) may use; empty for most logins. */
  public List<StoredAppPassword> forLogin(String loginKey) {
    return byLogin.getOrDefault(loginKey, List.of());
  }

  public Optional<StoredAppPassword> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<StoredAppPassword> all() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }

  public PasswordIndex with(StoredAppPassword added) {
    List<StoredAppPassword> all = new ArrayList<>(byId.values());
    all.add(added);
    return of(all);
  }

  /** This index with the passwords of the login {@code loginKey} names replaced by {@code current}. */
  public PasswordIndex replacingLogin(String loginKey, List<StoredAppPassword> current) {
    List<StoredAppPassword> all = new ArrayList<>(byId.values().stream()
        .filter(p -> !p.info().account().isNamedBy(loginKey)).toList());
    all.addAll(current);
    return of(all);
  }

  public PasswordIndex without(Predicate<StoredAppPassword> removed) {
    return of(byId.values().stream().filter(removed.negate()).toList());
  }
}
