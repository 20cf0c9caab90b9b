package eu.sovereignmail.gateway.config;

import java.time.Duration;

/** The validations of configuration values, each failing with a message that names the key. */
final class Check {
  private Check() {}

  static String word(String key, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(key + " is required and must not contain spaces, was " + value);
    }
    return value;
  }

  static void port(String key, int port) {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException(key + " must be a port (0 picks a free one, -1 turns it off), was " + port);
    }
  }

  static void positive(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  static Duration positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
    }
    return value;
  }
}
