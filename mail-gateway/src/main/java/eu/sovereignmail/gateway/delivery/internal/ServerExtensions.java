package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a server's EHLO/LHLO reply advertised: extension keywords (upper case), the SIZE limit (0 = none given) and the
 * AUTH mechanisms; decides which MAIL/RCPT parameters the client may send.
 */
public record ServerExtensions(Set<String> keywords, long sizeLimit, Set<String> authMechanisms) {
  public static final ServerExtensions NONE = new ServerExtensions(Set.of(), 0, Set.of());

  public ServerExtensions {
    keywords = Set.copyOf(keywords);
    authMechanisms = Set.copyOf(authMechanisms);
  }

  /** Parses every line after the first of a 250 hello reply; unknown or malformed lines are ignored. */
  public static ServerExtensions parse(SmtpReply hello) {
    Set<String> keywords = new HashSet<>();
    Set<String> mechanisms = new HashSet<>();
    long size = 0;
    for (String line : hello.lines().subList(1, hello.lines().size())) {
      String[] words = line.strip().toUpperCase(Locale.ROOT).split("[ =]+");
      if (words.length == 0 || words[0].isEmpty()) {
        continue;
      }
      keywords.add(words[0]);
      if (words[0].equals("SIZE") && words.length > 1 && words[1].matches("\\d{1,18}")) {
        size = Long.parseLong(words[1]);
      } else if (words[0].equals("AUTH")) {
        mechanisms.addAll(Set.of(words).stream().filter(w -> !w.equals("AUTH")).toList());
      }
    }
    return new ServerExtensions(keywords, size, mechanisms);
  }

  public boolean has(String keyword) {
    return keywords.contains(keyword);
  }
}
