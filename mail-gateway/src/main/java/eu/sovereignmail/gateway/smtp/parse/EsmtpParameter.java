package eu.sovereignmail.gateway.smtp.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One RFC 5321 4.1.2 esmtp-param ({@code keyword[=value]}), keyword upper-cased. */
record EsmtpParameter(String keyword, Optional<String> value) {
  private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)(?:=([^=\\s]+))?");

  /** The parameters after a path (empty text, or text starting with a space); empty when one is malformed or repeated. */
  static Optional<List<EsmtpParameter>> split(String text) {
    List<EsmtpParameter> result = new ArrayList<>();
    if (text.isEmpty()) {
      return Optional.of(result);
    }
    if (text.charAt(0) != ' ') {
      return Optional.empty();
    }
    for (String word : text.strip().split(" +")) {
      var m = PARAM.matcher(word);
      if (!m.matches()) {
        return Optional.empty();
      }
      String keyword = m.group(1).toUpperCase(Locale.ROOT);
      if (result.stream().anyMatch(p -> p.keyword().equals(keyword))) {
        return Optional.empty();
      }
      result.add(new EsmtpParameter(keyword, Optional.ofNullable(m.group(2))));
    }
    return Optional.of(result);
  }
}
