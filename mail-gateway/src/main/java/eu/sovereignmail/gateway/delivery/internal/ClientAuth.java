package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.RelayCredentials;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client side of RFC 4954 AUTH with PLAIN (preferred) or LOGIN, for relays that log in to their smart host. */
public final class ClientAuth {
  private ClientAuth() {}

  /** The mechanism to use with this server, or null when it offers neither PLAIN nor LOGIN. */
  public static String mechanism(ServerExtensions extensions) {
    if (extensions.authMechanisms().contains("PLAIN")) {
      return "PLAIN";
    }
    return extensions.authMechanisms().contains("LOGIN") ? "LOGIN" : null;
  }

  /** Runs the exchange and returns the server's final reply (235 on success). */
  public static SmtpReply authenticate(ClientConnection connection, String mechanism, RelayCredentials credentials)
      throws IOException {
    if (mechanism.equals("PLAIN")) {
      return connection.command("AUTH PLAIN " + base64("\0" + credentials.username() + "\0" + credentials.password()));
    }
    SmtpReply reply = connection.command("AUTH LOGIN");
    if (reply.code() != 334) {
      return reply;
    }
    reply = connection.command(base64(credentials.username()));
    if (reply.code() != 334) {
      return reply;
    }
    return connection.command(base64(credentials.password()));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
