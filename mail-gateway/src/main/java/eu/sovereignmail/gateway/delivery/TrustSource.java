package eu.sovereignmail.gateway.delivery;

import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/** Which certificates a relay trusts for its smart host's STARTTLS: the JVM's default store, or a file of its own. */
public sealed interface TrustSource {
  /** The JVM's default trust store (the public CAs). */
  record JvmDefault() implements TrustSource {}

  /** A PKCS12 trust store (its certificate entries are trusted). */
  record Pkcs12(Path file, String password) implements TrustSource {
    public Pkcs12 {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Pkcs12[file=" + file + ", password=***]";
    }
  }

  /** One or more PEM certificates (CA or the host's own self-signed certificate). */
  record Pem(Path file) implements TrustSource {
    public Pem {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * A trust decision made in code rather than by a store: opportunistic TLS to an MX (any certificate, RFC 7435)
   * or DANE (the certificate must match the domain's TLSA records, RFC 7672).
   */
  record Manager(String description, X509TrustManager manager) implements TrustSource {
    public Manager {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(manager, "manager");
    }

    @Override
    public String toString() {
      return "Manager[" + description + "]";
    }
  }

  static TrustSource jvmDefault() {
    return new JvmDefault();
  }
}
