package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options of every command that talks to the admin API: where the gateway is, which token, tables or JSON. */
final class AdminClientOptions {
  static final String TOKEN_ENV = "SOVEREIGN_ADMIN_TOKEN";

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080", scope = ScopeType.INHERIT,
      description = "The gateway's HTTP address (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "File holding the admin token (default: $" + TOKEN_ENV + ", else data/" + AdminTokenFile.FILE_NAME
          + " in the project home).")
  Path tokenFile;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON answer as it is.")
  boolean json;

  /** Where the token comes from when no --token-file is given; the environment, replaceable in tests. */
  Function<String, String> environment = System::getenv;

  /** The token: --token-file, else $SOVEREIGN_ADMIN_TOKEN, else the file {@code up} writes in its data directory. */
  AdminToken token() throws MissingTokenException {
    Path file = tokenFile;
    if (file == null) {
      String fromEnvironment = environment.apply(TOKEN_ENV);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return new AdminToken(fromEnvironment.strip());
      }
      Path home = Path.of(System.getProperty("sovereign.home", ".")).toAbsolutePath().normalize();
      file = home.resolve("data").resolve(AdminTokenFile.FILE_NAME);
    }
    try {
      return AdminTokenFile.read(file);
    } catch (NoSuchFileException e) {
      throw new MissingTokenException("no admin token: " + file + " does not exist (run this on the gateway host,"
          + " or pass --token-file, or set $" + TOKEN_ENV + ")");
    } catch (IOException e) {
      throw new MissingTokenException("cannot read the admin token in " + file + ": "
          + (Files.isReadable(file) ? e.getMessage() : "permission denied"));
    }
  }

  /** No admin token could be found or read. */
  static final class MissingTokenException extends Exception {
    MissingTokenException(String message) {
      super(message);
    }
  }
}
