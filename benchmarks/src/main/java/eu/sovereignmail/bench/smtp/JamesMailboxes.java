package eu.sovereignmail.bench.smtp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How many messages a James user's INBOX holds, read from WebAdmin's
 * {@code GET /users/{user}/mailboxes/INBOX/messageCount}: the harness's proof that accepted mail has really arrived
 * in James, cheap enough to poll during a run.
 */
public final class JamesMailboxes {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI webAdmin;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public JamesMailboxes(URI webAdmin) {
    this.webAdmin = webAdmin;
  }

  /** Messages in {@code user}'s INBOX; 0 while James has not created it (before the first delivery). */
  public long inboxCount(String user) throws IOException {
    URI uri = webAdmin.resolve("/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "/mailboxes/INBOX/messageCount");
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the INBOX count of " + user, e);
    }
    if (response.statusCode() == 404) {
      return 0;
    }
    if (response.statusCode() != 200) {
      throw new IOException("James WebAdmin could not count the INBOX of " + user + ": HTTP " + response.statusCode()
          + " " + response.body());
    }
    return Long.parseLong(response.body().strip());
  }
}
