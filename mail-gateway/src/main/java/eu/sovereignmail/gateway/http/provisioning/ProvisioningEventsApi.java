package eu.sovereignmail.gateway.http.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.identity.provisioning.ChangeListener;
import eu.sovereignmail.identity.provisioning.ChangeNotice;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/provisioning/events}: where Keycloak's {@code sovereign-mail} event listener pushes each user,
 * group or realm change, so provisioning into James follows within a second instead of waiting for the poller.
 * Checks the shared secret in constant time, validates the small JSON notice, and hands it to the
 * {@link ChangeListener}; every refusal is a JSON error, never an exception.
 *
 * <p>Wire contract (the extension's side is {@code eu.sovereignmail.keycloak.events.internal.NoticeSender}): header
 * {@value #SECRET_HEADER}; body {@code {"kind":"USER|GROUP|REALM","id":"<keycloak id>","operation":"CREATE|UPDATE|DELETE","realm":"<name>"}};
 * answers 202 accepted (or ignored, for another realm), 400 bad notice, 401 bad secret, 413 too large, 500 when
 * provisioning failed to take it (the extension retries).
 */
public final class ProvisioningEventsApi implements HttpModule {
  public static final String PATH = "/api/provisioning/events";
  public static final String SECRET_HEADER = "X-Sovereign-Events-Secret";
  /** A notice is under 200 bytes; anything much bigger is not one. */
  static final int MAX_BODY = 4096;
  private static final int MAX_ID = 255;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_ID + "}");
  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEventsApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AdminToken secret;
  private final Optional<String> realm;
  private final ChangeListener listener;

  /**
   * @param secret the secret shared with the Keycloak extension (e.g. from {@code AdminTokenFile.loadOrCreate})
   * @param realm the realm provisioning follows; notices of other realms are acknowledged and ignored (null: any)
   * @param listener what applies the change (the provisioner)
   */
  public ProvisioningEventsApi(AdminToken secret, String realm, ChangeListener listener) {
    this.secret = Objects.requireNonNull(secret, "secret");
    this.realm = Optional.ofNullable(realm).filter(r -> !r.isBlank());
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) throws JsonProcessingException {
    if (!secret.matches(ctx.header(SECRET_HEADER))) {
      LOG.warn("event=provisioning.push.refused reason=secret ip={}", ctx.ip());
      respond(ctx, 401, Map.of("error", "missing or wrong " + SECRET_HEADER + " header"));
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY) {
      LOG.warn("event=provisioning.push.refused reason=too_large bytes={} ip={}", body.length, ctx.ip());
      respond(ctx, 413, Map.of("error", "a notice is at most " + MAX_BODY + " bytes"));
      return;
    }
    Parsed parsed;
    try {
      parsed = parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      LOG.warn("event=provisioning.push.refused reason=bad_notice error=\"{}\" ip={}", e.getMessage(), ctx.ip());
      respond(ctx, 400, Map.of("error", e.getMessage()));
      return;
    }
    if (realm.isPresent() && parsed.realm() != null && !realm.get().equals(parsed.realm())) {
      LOG.info("event=provisioning.push.ignored reason=other_realm realm={} kind={} id={}",
          parsed.realm(), parsed.notice().kind(), parsed.notice().id());
      respond(ctx, 202, Map.of("status", "ignored", "reason", "realm " + parsed.realm() + " is not provisioned here"));
      return;
    }
    ChangeNotice notice = parsed.notice();
    try {
      listener.changed(notice);
    } catch (RuntimeException e) {
      LOG.error("event=provisioning.push.failed kind={} id={} operation={}", notice.kind(), notice.id(), notice.operation(), e);
      respond(ctx, 500, Map.of("error", "provisioning did not take the notice: " + e.getClass().getSimpleName()));
      return;
    }
    LOG.info("event=provisioning.push.received kind={} id={} operation={}", notice.kind(), notice.id(), notice.operation());
    respond(ctx, 202, Map.of("status", "accepted"));
  }

  /** A validated notice and the realm it names (null when absent). */
  record Parsed(ChangeNotice notice, String realm) {}

  /** Reads and validates one notice; throws {@link IllegalArgumentException} with a message for the sender. */
  static Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a JSON notice is required");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the notice must be a JSON object");
    }
    ChangeNotice.Kind kind = constant(root, "kind", ChangeNotice.Kind.class);
    ChangeNotice.Operation operation = constant(root, "operation", ChangeNotice.Operation.class);
    String id = text(root, "id", kind != ChangeNotice.Kind.REALM);
    if (kind == ChangeNotice.Kind.REALM) {
      id = "";
    } else if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("\"id\" must be a Keycloak id (letters, digits, . _ : @ -; at most " + MAX_ID + ")");
    }
    String realmName = text(root, "realm", false);
    return new Parsed(new ChangeNotice(kind, id, operation), realmName == null || realmName.isEmpty() ? null : realmName);
  }

  private static <E extends Enum<E>> E constant(JsonNode root, String field, Class<E> type) {
    String value = text(root, field, true);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + field + "\" must be one of " + Arrays.toString(type.getEnumConstants())
          + ", was " + abbreviate(value));
    }
  }

  private static String text(JsonNode root, String field, boolean required) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException("\"" + field + "\" is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return node.asText().strip();
  }

  private static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }

  private static void respond(Context ctx, int status, Map<String, String> body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").header("Cache-Control", "no-store").result(JSON.writeValueAsString(body));
  }
}
