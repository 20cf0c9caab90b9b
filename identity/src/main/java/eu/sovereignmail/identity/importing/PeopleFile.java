package eu.sovereignmail.identity.importing;

import eu.sovereignmail.identity.importing.internal.CsvRecords;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code people.csv} read and checked row by row: the valid people and an error per bad row with its line number,
 * so that an onboarding file of hundreds of rows imports everything that is right and says exactly what is not.
 *
 * <p>Header row (names case-insensitive; spaces, dashes and underscores ignored): {@code email}, {@code first name},
 * {@code last name} required; {@code username}, {@code aliases}, {@code quota}, {@code groups} optional. Aliases and
 * groups hold several values separated by {@code ;}. Quota is bytes or a number with {@code K}, {@code M}, {@code G},
 * {@code T} (binary units, e.g. {@code 2G}). A group is a name ({@code staff}) or a path ({@code /teams/legal}).
 */
public record PeopleFile(List<Person> people, List<RowError> errors) {
  /** More rows than this is not an onboarding file but a mistake (and would be a slow one). */
  public static final int MAX_ROWS = 100_000;
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,254}");
  private static final Pattern QUOTA = Pattern.compile("(\\d{1,15})\\s*([KMGT]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern GROUP = Pattern.compile("/?[^/\\p{Cntrl}]{1,255}(?:/[^/\\p{Cntrl}]{1,255})*");
  private static final int MAX_NAME = 255;
  private static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("email", "email"), Map.entry("mail", "email"), Map.entry("emailaddress", "email"),
      Map.entry("firstname", "first name"), Map.entry("givenname", "first name"),
      Map.entry("lastname", "last name"), Map.entry("familyname", "last name"), Map.entry("surname", "last name"),
      Map.entry("username", "username"),
      Map.entry("aliases", "aliases"), Map.entry("alias", "aliases"),
      Map.entry("quota", "quota"), Map.entry("mailquota", "quota"),
      Map.entry("groups", "groups"), Map.entry("group", "groups"));
  private static final List<String> REQUIRED = List.of("email", "first name", "last name");

  public PeopleFile {
    people = List.copyOf(people);
    errors = List.copyOf(errors);
  }

  /** Reads a whole file; throws {@link IllegalArgumentException} only when the header itself is unusable. */
  public static PeopleFile parse(Reader in) throws IOException {
    List<CsvRecords.Record> records = CsvRecords.read(in);
    int first = 0;
    while (first < records.size() && records.get(first).blank()) {
      first++;
    }
    if (first == records.size()) {
      throw new IllegalArgumentException("the file is empty: expected a header row such as email,first name,last name,aliases,quota,groups");
    }
    CsvRecords.Record header = records.get(first);
    Map<String, Integer> columns = header(header);
    if (records.size() - first - 1 > MAX_ROWS) {
      throw new IllegalArgumentException("more than " + MAX_ROWS + " rows: split the file");
    }
    List<Person> people = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (CsvRecords.Record record : records.subList(first + 1, records.size())) {
      if (record.blank()) {
        continue;
      }
      try {
        Person person = row(record, columns, header.fields().size());
        for (String key : keys(person)) {
          Integer earlier = seen.get(key);
          if (earlier != null) {
            throw new IllegalArgumentException(key + " is already used on line " + earlier);
          }
        }
        keys(person).forEach(key -> seen.put(key, record.line()));
        people.add(person);
      } catch (IllegalArgumentException e) {
        errors.add(new RowError(record.line(), e.getMessage()));
      }
    }
    return new PeopleFile(people, errors);
  }

  private static List<String> keys(Person person) {
    List<String> keys = new ArrayList<>();
    keys.add(person.email());
    if (!person.username().equals(person.email())) {
      keys.add("username " + person.username());
    }
    keys.addAll(person.aliases());
    return keys;
  }

  private static Map<String, Integer> header(CsvRecords.Record header) {
    if (header.problem() != null) {
      throw new IllegalArgumentException("line " + header.line() + " (header): " + header.problem());
    }
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String raw = header.fields().get(i);
      String name = COLUMNS.get(raw.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
      if (name == null) {
        throw new IllegalArgumentException("line " + header.line() + " (header): unknown column \"" + raw.strip()
            + "\"; known: email, first name, last name, username, aliases, quota, groups");
      }
      if (columns.putIfAbsent(name, i) != null) {
        throw new IllegalArgumentException("line " + header.line() + " (header): column " + name + " appears twice");
      }
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new IllegalArgumentException("line " + header.line() + " (header): the " + required + " column is missing");
      }
    }
    return columns;
  }

  private static Person row(CsvRecords.Record record, Map<String, Integer> columns, int width) {
    if (record.problem() != null) {
      throw new IllegalArgumentException(record.problem());
    }
    if (record.fields().size() != width) {
      throw new IllegalArgumentException(record.fields().size() + " fields, the header has " + width);
    }
    String email = address("email", value(record, columns, "email"));
    String firstName = name("first name", value(record, columns, "first name"));
    String lastName = name("last name", value(record, columns, "last name"));
    String username = value(record, columns, "username").toLowerCase(Locale.ROOT);
    if (username.isEmpty()) {
      username = email;
    } else if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username \"" + shown(username) + "\" may hold only letters, digits and . _ @ + -");
    }
    List<String> aliases = new ArrayList<>();
    for (String alias : list(value(record, columns, "aliases"))) {
      String address = address("alias", alias);
      if (address.equals(email)) {
        throw new IllegalArgumentException("alias " + address + " is the email itself");
      }
      if (!aliases.contains(address)) {
        aliases.add(address);
      }
    }
    Optional<Long> quota = quota(value(record, columns, "quota"));
    List<String> groups = new ArrayList<>();
    for (String group : list(value(record, columns, "groups"))) {
      if (!GROUP.matcher(group).matches()) {
        throw new IllegalArgumentException("group \"" + shown(group) + "\" is not a group name or path");
      }
      String path = group.startsWith("/") ? group : "/" + group;
      if (!groups.contains(path)) {
        groups.add(path);
      }
    }
    return new Person(record.line(), email, username, firstName, lastName, aliases, quota, groups);
  }

  private static String value(CsvRecords.Record record, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    return index == null ? "" : record.fields().get(index).strip();
  }

  private static String address(String what, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (!ADDRESS.matcher(value).matches() || value.length() > 254) {
      throw new IllegalArgumentException(what + " \"" + shown(value) + "\" is not a mail address");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static String name(String what, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_NAME + " characters or holds control characters");
    }
    return value;
  }

  private static Optional<Long> quota(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = QUOTA.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("quota \"" + shown(value) + "\" is not a size (bytes, or e.g. 500M, 2G)");
    }
    long number = Long.parseLong(m.group(1));
    int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      case "T" -> 40;
      default -> 0;
    };
    if (number == 0 || number > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("quota \"" + shown(value) + "\" must be above zero and below 8 EiB");
    }
    return Optional.of(number << shift);
  }

  private static List<String> list(String value) {
    return value.isEmpty() ? List.of()
        : Arrays.stream(value.split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static String shown(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
