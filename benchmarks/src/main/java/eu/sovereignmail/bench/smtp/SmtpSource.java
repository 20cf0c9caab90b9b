package eu.sovereignmail.bench.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Postfix's smtp-source as the one load generator for every server under test, so that all of them face the same
 * client: {@code sessions} parallel SMTP sessions, {@code size}-byte payloads, one new connection per message (as MX
 * peers do) unless {@code reuseConnections}. Without {@code -A} it aborts on the first non-2xx reply, so a run that
 * exits 0 had every message accepted.
 */
public record SmtpSource(Path binary, int sessions, int size, boolean reuseConnections, Path outputFile) {
  public static final String SENDER = "bench-sender@client.test";
  private static final Duration TIMEOUT = Duration.ofHours(2);

  /** smtp-source on the PATH or in /usr/sbin (Debian installs it there, outside a normal user's PATH). */
  public static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "smtp-source"));
      }
    }
    candidates.add(Path.of("/usr/sbin/smtp-source"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** Sends {@code messages} messages to {@code recipient} at 127.0.0.1:{@code port}; returns once the last was answered. */
  public ExternalCommand.Finished send(int port, int messages, String recipient) throws IOException {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "-s", Integer.toString(sessions), "-l", Integer.toString(size), "-m", Integer.toString(messages), "-c",
        "-M", "client.test", "-f", SENDER, "-t", recipient));
    if (reuseConnections) {
      command.add("-d");
    }
    command.add("127.0.0.1:" + port);
    Files.writeString(outputFile, "\n$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return new ExternalCommand(command, outputFile, TIMEOUT).run();
  }
}
