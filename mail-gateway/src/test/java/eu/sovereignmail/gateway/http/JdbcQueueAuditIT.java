package eu.sovereignmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.gateway.http.admin.JdbcQueueAudit;
import eu.sovereignmail.gateway.http.admin.QueueAuditEntry;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The queue audit on a real MariaDB, migrated by Flyway as the gateway does, behind the real admin API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcQueueAuditIT {
  @TempDir static Path dir;
  private EmbeddedMariaDb mariaDb;
  private HikariDataSource dataSource;
  private JdbcQueueAudit audit;

  @BeforeAll
  void startDatabase() throws Exception {
    mariaDb = EmbeddedMariaDb.start(dir.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("gateway", "gateway", "gateway-secret");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(mariaDb.jdbcUrl("gateway"));
    config.setUsername("gateway");
    config.setPassword("gateway-secret");
    config.setMaximumPoolSize(2);
    dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/gateway").table("gateway_schema_history")
        .load().migrate();
    audit = new JdbcQueueAudit(dataSource);
  }

  @AfterAll
  void stopDatabase() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void recordsAndReadsBackNewestFirstWithEveryField() throws Exception {
    Instant at = Instant.parse("2025-06-01T12:34:56.123456Z");
    EntryId first = EntryId.next();
    EntryId second = EntryId.next();
    audit.record(new QueueAuditEntry(at, "local-admin", "delete", first, null, List.of("bob@example.eu"), 1234, "loop"));
    audit.record(new QueueAuditEntry(at.plusSeconds(1), "mara", "delete", second, "alice@example.net",
        List.of("bob@example.eu", "\"odd, name\"@example.eu"), 99, "spam wave"));

    List<QueueAuditEntry> recent = audit.recent(2);

    assertThat(recent).hasSize(2);
    assertThat(recent.get(0)).isEqualTo(new QueueAuditEntry(at.plusSeconds(1), "mara", "delete", second,
        "alice@example.net", List.of("bob@example.eu", "\"odd, name\"@example.eu"), 99, "spam wave"));
    assertThat(recent.get(1)).isEqualTo(new QueueAuditEntry(at, "local-admin", "delete", first, "",
        List.of("bob@example.eu"), 1234, "loop"));
    assertThat(audit.recent(1)).hasSize(1);
  }

  @Test
  void anApiDeleteIsAuditedInTheDatabaseAndRefusedWhenTheDatabaseIsGone() throws Exception {
    try (AdminApiFixture api = AdminApiFixture.start(dir.resolve("api"), audit)) {
      EntryId id = api.spoolMessage("alice@example.net", "bob@example.eu", "carol@example.eu");

      HttpResponse<String> deleted = api.send("DELETE", "/api/queue/" + id + "?reason=operator%20test",
          AdminApiFixture.KEYCLOAK_ADMIN_TOKEN, null);

      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(audit.recent(10)).filteredOn(r -> r.entryId().equals(id)).singleElement().satisfies(r -> {
        assertThat(r.actor()).isEqualTo("mara");
        assertThat(r.reason()).isEqualTo("operator test");
        assertThat(r.sender()).isEqualTo("alice@example.net");
        assertThat(r.recipients()).containsExactly("bob@example.eu", "carol@example.eu");
        assertThat(r.at()).isBetween(Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now());
      });

      EntryId kept = api.spoolMessage("alice@example.net", "bob@example.eu");
      try (HikariDataSource gone = closedDataSource()) {
        try (AdminApiFixture down = AdminApiFixture.start(dir.resolve("api-down"), new JdbcQueueAudit(gone))) {
          EntryId entry = down.spoolMessage("alice@example.net", "bob@example.eu");
          HttpResponse<String> refused = down.send("DELETE", "/api/queue/" + entry + "?reason=x");
          assertThat(refused.statusCode()).isEqualTo(500);
          assertThat(down.spool.get(entry)).isPresent();
        }
      }
      assertThat(api.spool.get(kept)).isPresent();
    }
  }

  /** A pool on the same database that is already closed: every connection request fails. */
  private HikariDataSource closedDataSource() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(mariaDb.jdbcUrl("gateway"));
    config.setUsername("gateway");
    config.setPassword("gateway-secret");
    config.setMaximumPoolSize(1);
    HikariDataSource pool = new HikariDataSource(config);
    pool.close();
    return pool;
  }
}
