package eu.sovereignmail.gateway.sasl;

import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms the gateway offers on SMTP AUTH and IMAP AUTHENTICATE (PLAIN and LOGIN only under TLS, by session policy). */
public enum SaslMechanism {
  PLAIN, LOGIN, XOAUTH2, OAUTHBEARER;

  public static Optional<SaslMechanism> lookup(String name) {
    try {
      return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
