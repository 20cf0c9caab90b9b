package eu.sovereignmail.gateway.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A domain's MTA-STS policy (RFC 8461): in {@code ENFORCE} mode mail goes only to MX hosts matching {@code mx}, over
 * TLS with a certificate valid for the MX name; {@code TESTING} only reports; {@code NONE} withdraws a policy.
 */
public record MtaStsPolicy(String id, Mode mode, List<String> mx, Duration maxAge) {
  /** The policy's {@code mode:}. */
  public enum Mode { ENFORCE, TESTING, NONE }

  private static final long MAX_AGE_LIMIT = 31_557_600L;

  public MtaStsPolicy {
    mx = List.copyOf(mx);
  }

  /** True when {@code host} matches one of the {@code mx:} patterns ({@code *.example.eu} covers one label). */
  public boolean allows(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    for (String pattern : mx) {
      if (pattern.startsWith("*.")) {
        int dot = name.indexOf('.');
        if (dot > 0 && name.substring(dot + 1).equals(pattern.substring(2))) {
          return true;
        }
      } else if (name.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /** Parses the policy file text (RFC 8461 3.2); empty when it is not a valid STSv1 policy. */
  public static Optional<MtaStsPolicy> parse(String id, String text) {
    String version = null;
    Mode mode = null;
    Long maxAge = null;
    List<String> mx = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      int colon = raw.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = raw.substring(colon + 1).strip();
      switch (key) {
        case "version" -> version = value;
        case "mode" -> mode = switch (value.toLowerCase(Locale.ROOT)) {
          case "enforce" -> Mode.ENFORCE;
          case "testing" -> Mode.TESTING;
          case "none" -> Mode.NONE;
          default -> null;
        };
        case "max_age" -> {
          try {
            maxAge = Math.min(MAX_AGE_LIMIT, Long.parseLong(value));
          } catch (NumberFormatException e) {
            maxAge = null;
          }
        }
        case "mx" -> mx.add(value.toLowerCase(Locale.ROOT));
        default -> { }
      }
    }
    if (!"STSv1".equals(version) || mode == null || maxAge == null || maxAge < 0 || (mode != Mode.NONE && mx.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new MtaStsPolicy(id, mode, mx, Duration.ofSeconds(maxAge)));
  }
}
