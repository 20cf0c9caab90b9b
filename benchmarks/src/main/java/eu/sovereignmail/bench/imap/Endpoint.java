package eu.sovereignmail.bench.imap;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * One IMAP server under test: where it listens, whether the client speaks implicit TLS to it, and the password each
 * bench user logs in with there (James's own password directly, an app password through the gateway).
 */
public record Endpoint(String name, String host, int port, Optional<SSLSocketFactory> tls,
    Function<String, String> passwordOf) {
  public Endpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(passwordOf, "passwordOf");
  }
}
