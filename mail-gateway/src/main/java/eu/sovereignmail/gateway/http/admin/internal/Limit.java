package eu.sovereignmail.gateway.http.admin.internal;

/** The {@code ?limit=N} query parameter of the admin API's history and audit lists. */
public final class Limit {
  public static final int DEFAULT = 50;
  public static final int MAX = 1000;

  private Limit() {}

  /** {@code text} as a limit from 1 to {@link #MAX}; {@link #DEFAULT} when absent; anything else is a 400. */
  public static int parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest("limit must be a number from 1 to " + MAX + ", got " + text);
  }
}
