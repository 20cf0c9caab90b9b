package eu.sovereignmail.gateway.http;

import static eu.sovereignmail.gateway.http.AdminApiFixture.KEYCLOAK_ADMIN_TOKEN;
import static eu.sovereignmail.gateway.http.AdminApiFixture.KEYCLOAK_STAFF_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.http.admin.QueueAuditEntry;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.EntryId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminQueueApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private AdminApiFixture api;

  @BeforeEach
  void start() throws Exception {
    api = AdminApiFixture.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Test
  void listsEveryEntryOldestFirstWithRecipientStates() throws Exception {
    EntryId first = api.spoolMessage("alice@example.net", "bob@example.eu", "carol@example.eu");
    EntryId second = api.spoolMessage("", "dave@example.eu");
    Instant later = Instant.now().plus(10, ChronoUnit.MINUTES);
    api.spool.markRecipient(first, "bob@example.eu", new DeliveryOutcome.Deferred("451 4.4.1 backend busy", later))
        .get(10, TimeUnit.SECONDS);

    HttpResponse<String> response = api.send("GET", "/api/queue");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode entries = JSON.readTree(response.body()).path("entries");
    assertThat(entries).hasSize(2);
    JsonNode e = entries.get(0);
    assertThat(e.path("id").asText()).isEqualTo(first.toString());
    assertThat(e.path("from").asText()).isEqualTo("alice@example.net");
    assertThat(e.path("ageSeconds").asLong()).isBetween(59L, 3600L);
    assertThat(e.path("held").asBoolean()).isFalse();
    assertThat(e.path("journaled").asBoolean()).isFalse();
    assertThat(e.path("size").asLong()).isPositive();
    assertThat(e.path("lastError").asText()).isEqualTo("451 4.4.1 backend busy");
    // carol is due now (never tried): the entry's next attempt is its reception
    assertThat(Instant.parse(e.path("nextAttempt").asText())).isEqualTo(Instant.parse(e.path("received").asText()));
    JsonNode bob = e.path("recipients").get(0);
    assertThat(bob.path("address").asText()).isEqualTo("bob@example.eu");
    assertThat(bob.path("status").asText()).isEqualTo("PENDING");
    assertThat(bob.path("attempts").asInt()).isEqualTo(1);
    assertThat(Instant.parse(bob.path("nextAttempt").asText())).isEqualTo(later);
    assertThat(bob.path("lastError").asText()).isEqualTo("451 4.4.1 backend busy");
    assertThat(bob.path("reached").isArray()).isTrue();
    assertThat(e.path("recipients").get(1).path("lastError").isNull()).isTrue();
    assertThat(entries.get(1).path("id").asText()).isEqualTo(second.toString());
    assertThat(entries.get(1).path("from").asText()).isEmpty();
  }

  @Test
  void showsOneEntryAnd404sOrRefusesBadIds() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    HttpResponse<String> shown = api.send("GET", "/api/queue/" + id);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(shown.body()).path("id").asText()).isEqualTo(id.toString());

    HttpResponse<String> unknown = api.send("GET", "/api/queue/" + EntryId.next());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).startsWith("no queue entry");

    HttpResponse<String> malformed = api.send("GET", "/api/queue/not-an-id");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("error").asText()).contains("not-an-id");
  }

  @Test
  void holdAndReleaseAreDurableAndRefusedTwice() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    HttpResponse<String> held = api.send("POST", "/api/queue/" + id + "/hold");
    assertThat(held.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(held.body()).path("held").asBoolean()).isTrue();
    assertThat(api.spool.get(id)).hasValueSatisfying(e -> assertThat(e.held()).isTrue());
    assertThat(api.send("POST", "/api/queue/" + id + "/hold").statusCode()).isEqualTo(409);
    assertThat(api.send("POST", "/api/queue/" + id + "/retry").statusCode()).isEqualTo(409);

    HttpResponse<String> released = api.send("POST", "/api/queue/" + id + "/release");
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(released.body()).path("held").asBoolean()).isFalse();
    assertThat(api.spool.get(id)).hasValueSatisfying(e -> assertThat(e.held()).isFalse());
    assertThat(api.send("POST", "/api/queue/" + id + "/release").statusCode()).isEqualTo(409);
    assertThat(api.send("POST", "/api/queue/" + EntryId.next() + "/hold").statusCode()).isEqualTo(404);
  }

  @Test
  void retryMakesDeferredRecipientsDueNow() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");
    api.spool.markRecipient(id, "bob@example.eu",
        new DeliveryOutcome.Deferred("451 later", Instant.now().plus(1, ChronoUnit.HOURS))).get(10, TimeUnit.SECONDS);

    HttpResponse<String> retried = api.send("POST", "/api/queue/" + id + "/retry");

    assertThat(retried.statusCode()).isEqualTo(200);
    JsonNode bob = JSON.readTree(retried.body()).path("recipients").get(0);
    assertThat(bob.path("attempts").asInt()).isEqualTo(1);
    assertThat(Instant.parse(bob.path("nextAttempt").asText())).isBefore(Instant.now());
    assertThat(api.spool.get(id).orElseThrow().nextAttempt()).hasValueSatisfying(at -> assertThat(at).isBefore(Instant.now()));
  }

  @Test
  void retryOfAnEntryWithNothingPendingIsAConflict() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");
    api.spool.markRecipient(id, "bob@example.eu", new DeliveryOutcome.Failed("550 no")).get(10, TimeUnit.SECONDS);

    HttpResponse<String> retried = api.send("POST", "/api/queue/" + id + "/retry");

    assertThat(retried.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(retried.body()).path("error").asText()).contains("no recipient left");
  }

  @Test
  void deleteNeedsAReasonAndIsAuditedBeforeTheEntryGoes() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu", "carol@example.eu");
    long size = api.spool.get(id).orElseThrow().messageSize();

    HttpResponse<String> noReason = api.send("DELETE", "/api/queue/" + id);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noReason.body()).path("error").asText()).contains("reason");
    assertThat(api.send("DELETE", "/api/queue/" + id + "?reason=%20%20").statusCode()).isEqualTo(400);
    assertThat(api.spool.get(id)).isPresent();

    HttpResponse<String> deleted = api.send("DELETE", "/api/queue/" + id + "?reason=spam%20run", KEYCLOAK_ADMIN_TOKEN, null);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(deleted.body()).path("id").asText()).isEqualTo(id.toString());
    assertThat(api.spool.get(id)).isEmpty();
    List<QueueAuditEntry> records = api.recordingAudit().records();
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.actor()).isEqualTo("mara");
      assertThat(r.action()).isEqualTo("delete");
      assertThat(r.entryId()).isEqualTo(id);
      assertThat(r.sender()).isEqualTo("alice@example.net");
      assertThat(r.recipients()).containsExactly("bob@example.eu", "carol@example.eu");
      assertThat(r.size()).isEqualTo(size);
      assertThat(r.reason()).isEqualTo("spam run");
      assertThat(r.at()).isBeforeOrEqualTo(Instant.now());
    });
    assertThat(api.send("DELETE", "/api/queue/" + id + "?reason=again").statusCode()).isEqualTo(404);

    HttpResponse<String> auditLog = api.send("GET", "/api/queue/audit?limit=5");
    assertThat(auditLog.statusCode()).isEqualTo(200);
    JsonNode record = JSON.readTree(auditLog.body()).path("records").get(0);
    assertThat(record.path("actor").asText()).isEqualTo("mara");
    assertThat(record.path("entryId").asText()).isEqualTo(id.toString());
    assertThat(api.send("GET", "/api/queue/audit?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void deleteIsRefusedAndTheEntryKeptWhenTheAuditFails() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");
    api.recordingAudit().failing(true);

    HttpResponse<String> response = api.send("DELETE", "/api/queue/" + id + "?reason=cleanup");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).path("error").asText()).contains("could not be audited").contains("kept");
    assertThat(api.spool.get(id)).isPresent();
    assertThat(api.recordingAudit().records()).isEmpty();
  }

  @Test
  void localAdminTokenActsAsLocalAdmin() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    assertThat(api.send("DELETE", "/api/queue/" + id + "?reason=test").statusCode()).isEqualTo(200);

    assertThat(api.recordingAudit().records()).singleElement().satisfies(r -> assertThat(r.actor()).isEqualTo("local-admin"));
  }

  @Test
  void missingOrWrongTokensAre401AndOtherRoles403() throws Exception {
    EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu");

    HttpResponse<String> none = api.send("GET", "/api/queue", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(JSON.readTree(none.body()).path("error").asText()).contains("bearer token");

    HttpResponse<String> wrong = api.send("GET", "/api/queue", "not-the-token", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));

    HttpResponse<String> staff = api.send("DELETE", "/api/queue/" + id + "?reason=x", KEYCLOAK_STAFF_TOKEN, null);
    assertThat(staff.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(staff.body()).path("error").asText()).contains("mail-admin");
    assertThat(api.spool.get(id)).isPresent();

    assertThat(api.send("GET", "/api/queue", KEYCLOAK_ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
    assertThat(api.send("GET", "/api/routes", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void servesTheOpenApiDocumentWithoutATokenAndKeepsHealthAndMetrics() throws Exception {
    HttpResponse<String> doc = api.send("GET", "/api/openapi.json", null, null);

    assertThat(doc.statusCode()).isEqualTo(200);
    JsonNode openapi = JSON.readTree(doc.body());
    assertThat(openapi.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(openapi.path("paths").fieldNames()).toIterable().contains(
        "/api/queue", "/api/queue/{id}", "/api/queue/{id}/retry", "/api/queue/{id}/hold", "/api/queue/{id}/release",
        "/api/routes", "/api/routes/history", "/api/routes/domain/{key}", "/api/routes/recipient/{key}");
    assertThat(api.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
    assertThat(api.send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);
  }
}
