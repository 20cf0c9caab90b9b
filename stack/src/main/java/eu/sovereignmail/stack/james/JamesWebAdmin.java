package eu.sovereignmail.stack.james;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The James WebAdmin calls the stack and provisioning need (health, domains, users, aliases, address groups, user
 * quotas), each idempotent so that provisioning can be replayed at every start.
 */
public final class JamesWebAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(JamesWebAdmin.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  public JamesWebAdmin(String host, int port) {
    this.base = URI.create("http://" + host + ":" + port);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  public URI base() {
    return base;
  }

  /** True when WebAdmin answers and every James health check passes. */
  public boolean healthy() {
    try {
      return send(request("/healthcheck").GET()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public void ensureDomain(String domain) throws IOException {
    String path = "/domains/" + encode(domain);
    if (send(request(path).GET()).statusCode() == 204) {
      return;
    }
    expect(send(request(path).PUT(HttpRequest.BodyPublishers.noBody())), "add domain " + domain, 204);
    LOG.info("event=james.domain.add domain={}", domain);
  }

  /** Creates the user, or sets its password when it exists. */
  public void ensureUser(String address, String password) throws IOException {
    String body = JSON.createObjectNode().put("password", password).toString();
    expect(send(request("/users/" + encode(address) + "?force")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))),
        "upsert user " + address, 204);
    LOG.info("event=james.user.ensure user={}", address);
  }

  /** Mail to {@code alias} is delivered to {@code user}'s mailbox. */
  public void addAlias(String alias, String user) throws IOException {
    expect(send(request("/address/aliases/" + encode(user) + "/sources/" + encode(alias))
            .PUT(HttpRequest.BodyPublishers.noBody())),
        "add alias " + alias + " -> " + user, 204);
    LOG.info("event=james.alias.add alias={} user={}", alias, user);
  }

  /** The aliases that deliver to {@code user}. */
  public List<String> listAliases(String user) throws IOException {
    HttpResponse<String> response = send(request("/address/aliases/" + encode(user)).GET());
    if (response.statusCode() == 404) {
      return List.of();
    }
    return values(expect(response, "list aliases of " + user, 200), "source");
  }

  /** Removes the account (James keeps or drops its mailboxes as its own configuration says); a missing user is fine. */
  public void deleteUser(String address) throws IOException {
    HttpResponse<String> response = send(request("/users/" + encode(address)).DELETE());
    if (response.statusCode() != 404) {
      expect(response, "delete user " + address, 204);
    }
    LOG.info("event=james.user.delete user={}", address);
  }

  /** Mail to {@code alias} is no longer delivered to {@code user}; a missing alias is fine. */
  public void removeAlias(String alias, String user) throws IOException {
    HttpResponse<String> response = send(request("/address/aliases/" + encode(user) + "/sources/" + encode(alias)).DELETE());
    if (response.statusCode() != 404) {
      expect(response, "remove alias " + alias + " -> " + user, 204);
    }
    LOG.info("event=james.alias.remove alias={} user={}", alias, user);
  }

  /** The user's own storage limit in bytes, empty when none is set (James then applies domain or global limits). */
  public OptionalLong userQuotaSize(String user) throws IOException {
    HttpResponse<String> response = send(request("/quota/users/" + encode(user) + "/size").GET());
    if (response.statusCode() == 204) {
      return OptionalLong.empty();
    }
    JsonNode value = JSON.readTree(expect(response, "read quota of " + user, 200).body());
    return value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(value.asLong());
  }

  /** Sets the user's own storage limit; empty removes it. */
  public void setUserQuotaSize(String user, OptionalLong bytes) throws IOException {
    String path = "/quota/users/" + encode(user) + "/size";
    if (bytes.isPresent()) {
      expect(send(request(path).header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(Long.toString(bytes.getAsLong())))),
          "set quota of " + user, 204);
    } else {
      expect(send(request(path).DELETE()), "remove quota of " + user, 204);
    }
    LOG.info("event=james.quota.set user={} bytes={}", user, bytes.isPresent() ? bytes.getAsLong() : "none");
  }

  /** Mail to the address group {@code group} is delivered to {@code member} too (a distribution list). */
  public void addGroupMember(String group, String member) throws IOException {
    expect(send(request("/address/groups/" + encode(group) + "/" + encode(member))
            .PUT(HttpRequest.BodyPublishers.noBody())),
        "add " + member + " to group " + group, 204);
    LOG.info("event=james.group.add group={} member={}", group, member);
  }

  /** Removes {@code member} from the address group; James drops a group whose last member left. */
  public void removeGroupMember(String group, String member) throws IOException {
    HttpResponse<String> response = send(request("/address/groups/" + encode(group) + "/" + encode(member)).DELETE());
    if (response.statusCode() != 404) {
      expect(response, "remove " + member + " from group " + group, 204);
    }
    LOG.info("event=james.group.remove group={} member={}", group, member);
  }

  public List<String> listUsers() throws IOException {
    return values(expect(send(request("/users").GET()), "list users", 200), "username");
  }

  /** The domains James serves (not their domain aliases: those are in {@link #listMappings()}). */
  public List<String> listDomains() throws IOException {
    List<String> domains = new ArrayList<>();
    for (JsonNode node : JSON.readTree(expect(send(request("/domains").GET()), "list domains", 200).body())) {
      domains.add(node.asText());
    }
    return domains;
  }

  /**
   * Mail to the domain {@code alias} is delivered to the same local parts in {@code domain}; James 3.8 wants both in
   * its domain list first ({@link #ensureDomain}).
   */
  public void addDomainAlias(String alias, String domain) throws IOException {
    expect(send(request("/domains/" + encode(domain) + "/aliases/" + encode(alias))
            .PUT(HttpRequest.BodyPublishers.noBody())),
        "add domain alias " + alias + " -> " + domain, 204);
    LOG.info("event=james.domain_alias.add alias={} domain={}", alias, domain);
  }

  /**
   * Every recipient rewrite James knows (aliases, groups, forwards, domain aliases, …) in one call, so a reader can
   * take a consistent picture without one request per user.
   */
  public List<Mapping> listMappings() throws IOException {
    HttpResponse<String> response = expect(send(request("/mappings").GET()), "list mappings", 200);
    List<Mapping> mappings = new ArrayList<>();
    var sources = JSON.readTree(response.body()).fields();
    while (sources.hasNext()) {
      var source = sources.next();
      for (JsonNode mapping : source.getValue()) {
        mappings.add(new Mapping(source.getKey(), mapping.path("type").asText(), mapping.path("mapping").asText()));
      }
    }
    return mappings;
  }

  /**
   * One rewrite rule of James's recipient rewrite table.
   *
   * @param source the address (or domain, for domain aliases) the rule applies to, as James prints it
   * @param type James's mapping type name: {@code Alias}, {@code Group}, {@code Forward}, {@code Address},
   *     {@code DomainAlias}, {@code Domain}, {@code Regex}, {@code Error}
   * @param target what it maps to, as James prints it
   */
  public record Mapping(String source, String type, String target) {}

  /** How many mails wait in James's mail queue {@code queue} (e.g. {@code spool}). */
  public long queueSize(String queue) throws IOException {
    HttpResponse<String> response = expect(send(request("/mailQueues/" + encode(queue)).GET()), "read queue " + queue, 200);
    return JSON.readTree(response.body()).path("size").asLong();
  }

  private List<String> values(HttpResponse<String> response, String field) throws IOException {
    List<String> values = new ArrayList<>();
    for (JsonNode node : JSON.readTree(response.body())) {
      values.add(node.path(field).asText());
    }
    return values;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling James WebAdmin", e);
    }
  }

  private static HttpResponse<String> expect(HttpResponse<String> response, String action, int status)
      throws IOException {
    if (response.statusCode() != status) {
      throw new IOException("James WebAdmin could not " + action + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return response;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
