package eu.sovereignmail.gateway.http.admin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** One JSON mapper and the response shapes of the admin API, so every handler answers and fails the same way. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static void respond(Context ctx, int status, Object body) throws JsonProcessingException {
    ctx.status(status)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .result(MAPPER.writeValueAsString(body));
  }

  public static void error(Context ctx, int status, String message) throws JsonProcessingException {
    respond(ctx, status, Map.of("error", message));
  }

  /** The request body as {@code type}; a missing, malformed or unexpected body is a 400. */
  public static <T> T body(Context ctx, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiError.badRequest("a JSON body is required");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON body: " + e.getOriginalMessage());
    }
  }
}
