package eu.sovereignmail.gateway.smtp.session;

import java.util.Objects;
import java.util.Optional;

/** Who is on the other end: IP address text and, when looked up, its reverse DNS name (for Received and logs). */
public record ClientEndpoint(String ip, Optional<String> reverseName) {
  public ClientEndpoint {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(reverseName, "reverseName");
  }

  /** The RFC 5321 address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
  public String addressLiteral() {
    return ip.indexOf(':') >= 0 ? "[IPv6:" + ip + "]" : "[" + ip + "]";
  }
}
