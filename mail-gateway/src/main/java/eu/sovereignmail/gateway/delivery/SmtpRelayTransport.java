package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.delivery.internal.ClientAuth;
import eu.sovereignmail.gateway.delivery.internal.ClientConnection;
import eu.sovereignmail.gateway.delivery.internal.ClientTls;
import eu.sovereignmail.gateway.delivery.internal.Dialect;
import eu.sovereignmail.gateway.delivery.internal.NextHopClient;
import eu.sovereignmail.gateway.delivery.internal.OpenResult;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays to one smart host over SMTP (the legacy provider's inbound host, later an outbound smart host): EHLO,
 * STARTTLS by {@link TlsPolicy}, AUTH when configured, then the shared transaction dialogue with pooled connections.
 * A policy the host cannot meet (TLS required but not offered or failing, AUTH refused) is a 4xx reply for every
 * recipient, so the mail stays queued; an {@link IOException} means the host was unreachable or broke the dialogue.
 */
public final class SmtpRelayTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpRelayTransport.class);

  private final RelaySettings settings;
  private final SSLContext tls;
  private final NextHopClient client;

  /** @throws IllegalArgumentException naming {@code <name>.trust} when the trust file cannot be loaded */
  public SmtpRelayTransport(RelaySettings settings) {
    this.settings = settings;
    this.tls = settings.tls() == TlsPolicy.NONE ? null : context(settings);
    this.client = new NextHopClient(settings.name(), Dialect.SMTP, this::open, settings.pool());
  }

  public RelaySettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) throws IOException {
    return client.deliver(transaction, message);
  }

  /** Idle pooled connections right now (for tests and metrics). */
  public int idleConnections() {
    return client.idleConnections();
  }

  @Override
  public void close() {
    client.close();
  }

  private OpenResult open() throws IOException {
    ClientConnection connection = connect();
    boolean handedOver = false;
    try {
      if (settings.tls() != TlsPolicy.NONE) {
        switch (startTls(connection)) {
          case TlsStep.Secured secured -> connection = secured.connection();
          case TlsStep.Plain plain -> connection = plain.connection();
          case TlsStep.Refused refused -> {
            return refused.result();
          }
        }
      }
      OpenResult result = settings.credentials() == null ? new OpenResult.Ready(connection) : authenticate(connection);
      handedOver = result instanceof OpenResult.Ready;
      LOG.debug("event=delivery.connection_opened transport={} host={} port={} tls={} auth={}", name(), settings.host(),
          settings.port(), connection.tlsProtocol(), settings.credentials() != null);
      return result;
    } finally {
      if (!handedOver) {
        connection.quit();
      }
    }
  }

  /** The outcome of the STARTTLS step: a TLS connection, a plaintext one (opportunistic), or a refusal for everyone. */
  private sealed interface TlsStep {
    record Secured(ClientConnection connection) implements TlsStep {}

    record Plain(ClientConnection connection) implements TlsStep {}

    record Refused(OpenResult.Refused result) implements TlsStep {}
  }

  private TlsStep startTls(ClientConnection connection) throws IOException {
    boolean required = settings.tls() == TlsPolicy.REQUIRED;
    if (!connection.extensions().has("STARTTLS")) {
      if (required) {
        LOG.warn("event=delivery.tls_not_offered transport={} host={} policy={}", name(), settings.host(), settings.tls());
      } else {
        LOG.info("event=delivery.tls_not_offered transport={} host={} policy={}", name(), settings.host(), settings.tls());
      }
      return required ? refused("TLS required by policy, not offered by " + settings.host()) : new TlsStep.Plain(connection);
    }
    SmtpReply reply = connection.command("STARTTLS");
    if (reply.code() != 220) {
      LOG.warn("event=delivery.tls_refused transport={} host={} policy={} reply=\"{}\"", name(), settings.host(),
          settings.tls(), reply);
      return required ? refused("TLS required by policy, STARTTLS refused by " + settings.host() + ": " + reply)
          : new TlsStep.Plain(connection);
    }
    try {
      connection.startTls(tls, settings.verifyHostname());
    } catch (IOException e) {
      connection.close();
      LOG.warn("event=delivery.tls_failed transport={} host={} policy={} reason=\"{}\"", name(), settings.host(),
          settings.tls(), e.getMessage());
      if (required) {
        return new TlsStep.Refused(new OpenResult.Refused(
            SmtpReply.of(451, "4.7.5", "TLS required by policy, handshake with " + settings.host() + " failed")));
      }
      return new TlsStep.Plain(connect());
    }
    connection.hello(Dialect.SMTP, settings.heloName());
    return new TlsStep.Secured(connection);
  }

  /** The caller QUITs the connection: it is not handed over. */
  private static TlsStep refused(String text) {
    return new TlsStep.Refused(new OpenResult.Refused(SmtpReply.of(451, "4.7.5", text)));
  }

  private OpenResult authenticate(ClientConnection connection) throws IOException {
    if (!connection.tls() && settings.tls() != TlsPolicy.NONE) {
      LOG.warn("event=delivery.auth_skipped transport={} host={} reason=no_tls", name(), settings.host());
      return new OpenResult.Refused(SmtpReply.of(454, "4.7.0", "Not sending credentials to " + settings.host() + " without TLS"));
    }
    String mechanism = ClientAuth.mechanism(connection.extensions());
    if (mechanism == null) {
      LOG.warn("event=delivery.auth_unavailable transport={} host={}", name(), settings.host());
      return new OpenResult.Refused(SmtpReply.of(454, "4.7.0", settings.host() + " offers neither AUTH PLAIN nor LOGIN"));
    }
    SmtpReply reply = ClientAuth.authenticate(connection, mechanism, settings.credentials());
    if (reply.code() != 235) {
      LOG.warn("event=delivery.auth_failed transport={} host={} mechanism={} reply=\"{}\"", name(), settings.host(),
          mechanism, reply);
      return new OpenResult.Refused(SmtpReply.of(454, "4.7.0", "Authentication at " + settings.host() + " failed: " + reply));
    }
    return new OpenResult.Ready(connection);
  }

  private ClientConnection connect() throws IOException {
    return ClientConnection.open(settings.host(), settings.address(), settings.port(), settings.connectTimeout(),
        settings.readTimeout(), Dialect.SMTP, settings.heloName());
  }

  private static SSLContext context(RelaySettings settings) {
    try {
      return ClientTls.context(settings.trust());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(settings.name() + ".trust cannot be loaded (" + settings.trust() + "): " + e.getMessage(), e);
    }
  }
}
