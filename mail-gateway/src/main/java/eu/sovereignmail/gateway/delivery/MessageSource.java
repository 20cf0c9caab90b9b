package eu.sovereignmail.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;

/** Opens the message bytes afresh, so a transport can send them again on a new connection after a stale one broke. */
@FunctionalInterface
public interface MessageSource {
  InputStream open() throws IOException;
}
