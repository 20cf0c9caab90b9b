package eu.sovereignmail.gateway.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Fetches a domain's MTA-STS policy file over HTTPS; an interface so tests can serve policies without public DNS. */
@FunctionalInterface
public interface PolicyFetcher {
  /** The policy text of {@code domain}; an {@link IOException} for anything but a 200 text/plain answer. */
  String fetch(String domain) throws IOException;

  /**
   * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} with the JVM's CAs, no redirects (RFC 8461 3.3), at
   * most 64 KiB. Host names are resolved by the system resolver, not the gateway's DNS client.
   */
  static PolicyFetcher https(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    return domain -> {
      URI uri = URI.create("https://mta-sts." + domain.toLowerCase(Locale.ROOT) + "/.well-known/mta-sts.txt");
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted fetching " + uri, e);
      }
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode());
      }
      String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
      if (!type.startsWith("text/plain")) {
        throw new IOException(uri + " is not text/plain: " + type);
      }
      if (response.body().length > 64 << 10) {
        throw new IOException(uri + " is larger than 64 KiB");
      }
      return new String(response.body(), StandardCharsets.UTF_8);
    };
  }
}
