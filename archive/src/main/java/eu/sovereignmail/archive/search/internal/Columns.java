package eu.sovereignmail.archive.search.internal;

/** Fitting parsed values into their columns: mail headers can be longer than any sane column. */
final class Columns {
  private Columns() {}

  static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
