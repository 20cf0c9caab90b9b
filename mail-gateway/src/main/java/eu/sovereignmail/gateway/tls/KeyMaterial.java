package eu.sovereignmail.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/** Files holding a server key and certificate, re-readable at any time, so a renewal can be picked up at run time. */
public interface KeyMaterial {
  /** The files whose change means "read again". */
  List<Path> files();

  /** Reads and checks the files now (the key must belong to the leaf certificate). */
  ServerCredentials read() throws IOException, GeneralSecurityException;
}
