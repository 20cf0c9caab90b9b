package eu.sovereignmail.gateway.http.archive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query the archive refused (malformed, or beyond the caller's rights), with the zero-based position of the
 * problem so the API answers 400 with it and the UI can point at it.
 */
public final class QueryProblem extends RuntimeException {
  private final String query;
  private final int position;

  public QueryProblem(String message, String query, int position) {
    super(message, null, false, false);
    this.query = query;
    this.position = position;
  }

  public String query() {
    return query;
  }

  public int position() {
    return position;
  }

  /** The JSON error body: {@code {"error": ..., "position": n}}. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", getMessage());
    body.put("position", position);
    return body;
  }
}
