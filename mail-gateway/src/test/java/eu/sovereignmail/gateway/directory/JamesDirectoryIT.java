package eu.sovereignmail.gateway.directory;

import eu.sovereignmail.gateway.smtp.session.Lookup;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.james.JamesWebAdmin;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The directory against the real James distribution on a real MariaDB: what WebAdmin provisions is what RCPT and
 * MAIL see, a user added later is found on the miss, and a stopped James leaves the last snapshot serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JamesDirectoryIT {
  private static final String HOST = "127.0.0.1";
  private static final String DOMAIN = "example.eu";
  private static final String ALIAS_DOMAIN = "example.org";
  private static final Path DIST = Path.of("..", "james-backend", "target", "dist").toAbsolutePath().normalize();

  private final Path root = Path.of(System.getProperty("java.io.tmpdir"), "directory-it-" + System.nanoTime());
  private EmbeddedMariaDb mariaDb;
  private JamesBackend james;
  private Directory directory;

  @BeforeAll
  void startBackends() throws Exception {
    assertThat(DIST.resolve("lib"))
        .as("James distribution missing at %s: package james-backend first (./mvnw -B -q -pl james-backend -am install -DskipITs)", DIST)
        .isDirectory();
    mariaDb = EmbeddedMariaDb.start(root.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("james", "james", "db-secret");
    JamesSettings settings = new JamesSettings(root.resolve("james"), DIST, HOST,
        new JamesSettings.Ports(Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
            Ports.freeLoopbackPort()),
        mariaDb.jdbcUrl("james"), "james", "db-secret", "james-admin@" + DOMAIN, "admin-secret,1", "384m");
    james = JamesBackend.start(settings);
    JamesWebAdmin webAdmin = james.webAdmin();
    webAdmin.ensureDomain(DOMAIN);
    webAdmin.ensureUser("alice@" + DOMAIN, "pw-alice-1");
    webAdmin.ensureUser("bob@" + DOMAIN, "pw-bob-1");
    webAdmin.addAlias("info@" + DOMAIN, "alice@" + DOMAIN);
    webAdmin.ensureDomain(ALIAS_DOMAIN);
    webAdmin.addDomainAlias(ALIAS_DOMAIN, DOMAIN);
    System.out.println("directory IT: James mappings " + webAdmin.listMappings());
    directory = new Directory(new JamesDirectorySource(webAdmin),
        new DirectorySettings(Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(10)));
    directory.start();
  }

  @AfterAll
  void stopBackends() throws Exception {
    if (directory != null) {
      directory.close();
    }
    if (james != null) {
      james.stop(Duration.ofSeconds(30));
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static Mailbox mailbox(String address) {
    int at = address.lastIndexOf('@');
    return new Mailbox(address.substring(0, at), address.substring(at + 1));
  }

  @Test
  @Order(1)
  void knowsWhatWebAdminProvisioned() throws Exception {
    assertThat(directory.awaitLoaded(Duration.ofSeconds(30))).isTrue();
    assertThat(directory.isLocalDomain("EXAMPLE.EU")).isTrue();
    assertThat(directory.isLocalDomain(ALIAS_DOMAIN)).isTrue();
    assertThat(directory.isLocalDomain("example.net")).isFalse();
    assertThat(directory.lookup(mailbox("Alice@Example.EU"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.lookup(mailbox("bob@example.eu"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.lookup(mailbox("info@example.eu"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.lookup(mailbox("alice@example.org"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.lookup(mailbox("nobody@example.eu"))).isEqualTo(Lookup.UNKNOWN);
    assertThat(directory.addressesOf("alice@example.eu"))
        .contains("alice@example.eu", "info@example.eu", "alice@example.org", "info@example.org");
  }

  @Test
  @Order(2)
  void findsAUserAddedAfterStartOnTheMiss() throws Exception {
    assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.UNKNOWN);
    james.webAdmin().ensureUser("carol@" + DOMAIN, "pw-carol-1");
    Thread.sleep(250); // past the miss-refresh interval of this test's settings
    assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.KNOWN);
  }

  @Test
  @Order(3)
  void aSenderMayUseItsOwnAddressAndItsAliasesOnly() {
    assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("alice@example.eu")))).isTrue();
    assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("INFO@example.eu")))).isTrue();
    assertThat(directory.mayUse("alice@example.eu", Optional.empty())).isTrue();
    assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("bob@example.eu")))).isFalse();
    assertThat(directory.mayUse("bob@example.eu", Optional.of(mailbox("info@example.eu")))).isFalse();
  }

  @Test
  @Order(4)
  void keepsServingTheLastSnapshotWhileJamesIsDown() {
    assertThat(james.stop(Duration.ofSeconds(60))).isTrue();
    james = null;
    assertThat(directory.refreshNow()).isFalse();
    assertThat(directory.lookup(mailbox("alice@example.eu"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.KNOWN);
    assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("info@example.eu")))).isTrue();
    assertThat(directory.lookup(mailbox("nobody@example.eu"))).as("cannot confirm").isEqualTo(Lookup.UNAVAILABLE);
  }
}
