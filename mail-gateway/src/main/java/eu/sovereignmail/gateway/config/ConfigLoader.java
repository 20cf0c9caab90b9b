package eu.sovereignmail.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link GatewayConfig} from YAML (kebab-case keys, durations like {@code 30s}, {@code 5m}, {@code 12h},
 * {@code 5d}) and applies environment overrides: every key has one, {@code SOVEREIGN_} + its path in upper case with
 * dots and dashes as underscores ({@code database.password} is {@code SOVEREIGN_DATABASE_PASSWORD}), so secrets
 * need not be in the file. Unknown keys and bad values fail with a message naming the key.
 */
public final class ConfigLoader {
  static final String ENV_PREFIX = "SOVEREIGN_";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final ObjectMapper yaml;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return parseDuration(parser.getValueAsString());
      }
    });
    this.yaml = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .registerModule(durations)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** Reads {@code file} with overrides from {@code environment}. */
  public GatewayConfig load(Path file, Map<String, String> environment) throws IOException {
    JsonNode tree = yaml.readTree(Files.readString(file));
    return load(tree == null || tree.isNull() ? JsonNodeFactory.instance.objectNode() : tree, environment, file.toString());
  }

  /** Reads YAML text (tests, generated configs) with overrides from {@code environment}. */
  public GatewayConfig parse(String text, Map<String, String> environment) throws IOException {
    JsonNode tree = yaml.readTree(text);
    return load(tree == null || tree.isNull() ? JsonNodeFactory.instance.objectNode() : tree, environment, "<config>");
  }

  private GatewayConfig load(JsonNode tree, Map<String, String> environment, String source) {
    if (!(tree instanceof ObjectNode root)) {
      throw new IllegalArgumentException(source + ": the configuration must be a YAML mapping");
    }
    for (List<String> path : keyPaths(GatewayConfig.class)) {
      String value = environment.get(envName(path));
      if (value != null) {
        set(root, path, value);
      }
    }
    try {
      return yaml.treeToValue(root, GatewayConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(source + ": unknown key '" + path(e.getPath()) + "'");
    } catch (IOException e) {
      Throwable cause = rootCause(e);
      String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? path(m.getPath()) : "";
      throw new IllegalArgumentException(source + ": " + (where.isEmpty() ? "" : where + ": ") + cause.getMessage(), e);
    }
  }

  /** The environment variable that overrides a key path. */
  static String envName(List<String> path) {
    return ENV_PREFIX + String.join("_", path).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Every leaf key of the configuration, as kebab-case paths, derived from the records. */
  static List<List<String>> keyPaths(Class<?> type) {
    List<List<String>> paths = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(component.getName());
      Class<?> child = component.getType();
      if (child.isRecord()) {
        for (List<String> sub : keyPaths(child)) {
          List<String> path = new ArrayList<>(List.of(key));
          path.addAll(sub);
          paths.add(path);
        }
      } else if (!(component.getGenericType() instanceof ParameterizedType)) {
        paths.add(List.of(key));
      }
    }
    return paths;
  }

  static Duration parseDuration(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      try {
        return Duration.parse(text.strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 12h, 5d)");
      }
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static void set(ObjectNode root, List<String> path, String value) {
    ObjectNode node = root;
    for (String key : path.subList(0, path.size() - 1)) {
      JsonNode child = node.get(key);
      node = child instanceof ObjectNode object ? object : node.putObject(key);
    }
    node.put(path.getLast(), value);
  }

  private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> references) {
    return String.join(".", references.stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName()).toList());
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
