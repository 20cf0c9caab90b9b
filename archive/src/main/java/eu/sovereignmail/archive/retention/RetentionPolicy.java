package eu.sovereignmail.archive.retention;

import java.time.Instant;
import java.time.Period;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How long the archive keeps the mail of one domain or one mailbox. A mailbox policy overrides its
 * domain's; a message is due when the longest policy covering any of its participants has run out.
 *
 * @param id database id (0 before it is stored)
 * @param scope what {@code target} names
 * @param target a domain ({@code example.eu}) or an address ({@code alice@example.eu}), lower case
 * @param keep how long after the archive first received a message it is kept (e.g. {@code P10Y})
 */
public record RetentionPolicy(long id, Scope scope, String target, Period keep, String createdBy, Instant createdAt) {
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@]{1,64}");

  /** What a policy applies to. */
  public enum Scope {
    /** Every address of a domain (exactly that domain, not its subdomains). */
    DOMAIN,
    /** One address. */
    MAILBOX
  }

  public RetentionPolicy {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(keep, "keep");
    target = normalizeTarget(scope, target);
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("a retention period must be positive, not " + keep);
    }
  }

  /** {@code target} in lower case, checked to be a domain or an address as {@code scope} says. */
  public static String normalizeTarget(Scope scope, String target) {
    if (target == null) {
      throw new IllegalArgumentException("a retention policy needs a target");
    }
    String lower = target.strip().toLowerCase(Locale.ROOT);
    boolean ok = switch (scope) {
      case DOMAIN -> DOMAIN.matcher(lower).matches() && lower.length() <= 253;
      case MAILBOX -> {
        int at = lower.lastIndexOf('@');
        yield at > 0 && LOCAL_PART.matcher(lower.substring(0, at)).matches() && DOMAIN.matcher(lower.substring(at + 1)).matches();
      }
    };
    if (!ok) {
      throw new IllegalArgumentException("not a " + (scope == Scope.DOMAIN ? "domain" : "mail address") + ": " + target);
    }
    return lower;
  }

  /** The label used in audit entries, e.g. {@code policy:3 MAILBOX alice@example.eu P10Y}. */
  public String describe() {
    return "policy:" + id + " " + scope + " " + target + " " + keep;
  }
}
