package eu.sovereignmail.gateway.delivery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One smart host a {@link SmtpRelayTransport} relays to (the legacy provider's inbound host, an outbound smart host):
 * validated at start with messages that name the key, {@code name} being the key prefix (e.g. {@code legacy.port}).
 * {@code credentials} is null when the host needs no AUTH; {@code toString()} never shows a password.
 * {@code address} is the address to connect to when it was already resolved (direct MX delivery resolves with the
 * gateway's own DNS client), null to let the system resolve {@code host}; TLS names are checked against {@code host}.
 */
public record RelaySettings(String name, String host, int port, String heloName, TlsPolicy tls, TrustSource trust,
    boolean verifyHostname, RelayCredentials credentials, Duration connectTimeout, Duration readTimeout, PoolSettings pool,
    InetAddress address) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public RelaySettings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("relay name must be lower-case letters, digits or '-' (max 32): " + name);
    }
    if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(name + ".host must be a host name or address: " + host);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + ".port out of range: " + port);
    }
    if (heloName == null || heloName.isBlank() || heloName.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(name + ".heloName must be a domain without spaces: " + heloName);
    }
    if (tls == null) {
      throw new IllegalArgumentException(name + ".tls must be one of REQUIRED, OPPORTUNISTIC, NONE");
    }
    if (trust == null) {
      throw new IllegalArgumentException(name + ".trust must be set (the JVM default or a trust file)");
    }
    positive(name + ".connectTimeout", connectTimeout);
    positive(name + ".readTimeout", readTimeout);
    if (pool == null) {
      throw new IllegalArgumentException(name + ".pool must be set");
    }
  }

  /** TLS REQUIRED with the JVM's trust store and hostname verification, no AUTH, 30 s to connect, 5 min per reply. */
  public static RelaySettings defaults(String name, String host, int port, String heloName) {
    return new RelaySettings(name, host, port, heloName, TlsPolicy.REQUIRED, TrustSource.jvmDefault(), true, null,
        Duration.ofSeconds(30), Duration.ofMinutes(5), PoolSettings.defaults(), null);
  }

  public RelaySettings withTls(TlsPolicy policy, TrustSource source, boolean verify) {
    return new RelaySettings(name, host, port, heloName, policy, source, verify, credentials, connectTimeout, readTimeout, pool, address);
  }

  public RelaySettings withCredentials(RelayCredentials login) {
    return new RelaySettings(name, host, port, heloName, tls, trust, verifyHostname, login, connectTimeout, readTimeout, pool, address);
  }

  public RelaySettings withTimeouts(Duration connect, Duration read) {
    return new RelaySettings(name, host, port, heloName, tls, trust, verifyHostname, credentials, connect, read, pool, address);
  }

  public RelaySettings withPool(PoolSettings settings) {
    return new RelaySettings(name, host, port, heloName, tls, trust, verifyHostname, credentials, connectTimeout, readTimeout, settings, address);
  }

  /** Connects to {@code resolved} instead of resolving {@code host} (which still names the peer for TLS). */
  public RelaySettings withAddress(InetAddress resolved) {
    return new RelaySettings(name, host, port, heloName, tls, trust, verifyHostname, credentials, connectTimeout, readTimeout,
        pool, resolved);
  }

  private static void positive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive: " + value);
    }
  }
}
