package eu.sovereignmail.gateway.http.archive.internal;

import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Request parameters of the archive API and UI checked one way: a bad one is a 400 naming the parameter and what it
 * should look like, never a stack trace.
 */
public final class Params {
  private Params() {}

  /** A positive id ({@code name} says which, e.g. "a case id"). */
  public static long id(String name, String text) {
    try {
      long id = Long.parseLong(text == null ? "" : text.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(name + " is a positive number, got " + text);
  }

  /** A number from {@code min} to {@code max}; {@code fallback} when absent (a negative fallback: required). */
  public static int number(String name, String text, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      if (fallback < 0) {
        throw ApiError.badRequest(name + " is required");
      }
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(name + " must be a number from " + min + " to " + max + ", got " + text);
  }

  /** A required, non-blank text. */
  public static String text(String name, String text) {
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest(name + " is required");
    }
    return text.strip();
  }

  /** An optional day ({@code 2025-01-31}); null when absent. */
  public static LocalDate day(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date like 2025-01-31, got " + text);
    }
  }

  /** An optional instant: ISO-8601 ({@code 2025-01-31T10:00:00Z}) or a day (its start, UTC); null when absent. */
  public static Instant instant(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiError.badRequest(name + " must be a time like 2025-01-31T10:00:00Z or a date like 2025-01-31, got "
            + text);
      }
    }
  }

  /** Blank as null: optional text fields. */
  public static String optional(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
