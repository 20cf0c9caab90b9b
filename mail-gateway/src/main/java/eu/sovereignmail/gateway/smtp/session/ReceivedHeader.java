package eu.sovereignmail.gateway.smtp.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** The RFC 5321 4.4 trace header the gateway prepends to every message it accepts. */
record ReceivedHeader(
    String helo, ClientEndpoint client, String host, String protocol, Optional<TlsInfo> tls, String id,
    Optional<String> singleRecipient, Instant at) {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** RFC 5321/3848/6531 "with" keyword: SMTP/ESMTP plus S (TLS) and A (authenticated), UTF8 prefix for SMTPUTF8. */
  static String protocol(boolean esmtp, boolean tls, boolean authenticated, boolean smtpUtf8) {
    String base = smtpUtf8 ? "UTF8SMTP" : esmtp ? "ESMTP" : "SMTP";
    return base + (tls ? "S" : "") + (authenticated ? "A" : "");
  }

  byte[] toBytes() {
    StringBuilder out = new StringBuilder("Received: from ").append(helo)
        .append(" (").append(client.reverseName().orElse("unknown")).append(' ').append(client.addressLiteral()).append(')')
        .append("\r\n\tby ").append(host).append(" (Sovereign Mail) with ").append(protocol);
    tls.ifPresent(t -> out.append(" (").append(t.protocol()).append(':').append(t.cipherSuite()).append(')'));
    out.append("\r\n\tid ").append(id);
    singleRecipient.ifPresent(r -> out.append("\r\n\tfor <").append(r).append('>'));
    out.append("; ").append(DATE.format(at)).append("\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
