package eu.sovereignmail.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** A realm export that Keycloak imports at start: its bytes, and the realm name read from them. */
public record RealmImport(String realmName, byte[] json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RealmImport {
    Objects.requireNonNull(realmName, "realmName");
    json = Objects.requireNonNull(json, "json").clone();
  }

  /** Reads {@code json} as a Keycloak realm representation; its top-level {@code realm} names the realm. */
  public static RealmImport of(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("realm import is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode name = root == null ? null : root.get("realm");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new IllegalArgumentException("realm import has no top-level \"realm\" name");
    }
    return new RealmImport(name.asText(), json);
  }

  public static RealmImport of(Path file) {
    try {
      return of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read realm import " + file, e);
    }
  }

  /** The realm file shipped as {@code resource} on the class path of {@code loader}. */
  public static RealmImport fromClasspath(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("realm import not found on the class path: " + resource);
      }
      return of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read realm import " + resource, e);
    }
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  /** File name under Keycloak's {@code data/import}, as Keycloak's own exports name it. */
  public String fileName() {
    return realmName + "-realm.json";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RealmImport that && realmName.equals(that.realmName) && Arrays.equals(json, that.json);
  }

  @Override
  public int hashCode() {
    return 31 * realmName.hashCode() + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "RealmImport[realmName=" + realmName + ", bytes=" + json.length + "]";
  }
}
