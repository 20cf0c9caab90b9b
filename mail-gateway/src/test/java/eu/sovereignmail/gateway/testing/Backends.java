package eu.sovereignmail.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * The real backends the gateway's integration tests share within one Failsafe run: an embedded MariaDB and the
 * durable James distribution, started on first use and stopped when the JVM ends. Tests keep out of each other's
 * way with their own databases and mail domains.
 */
public final class Backends {
  public static final String HOST = "127.0.0.1";
  public static final String ADMIN_PASSWORD = "admin-secret,1";
  private static final Path DIST = Path.of("..", "james-backend", "target", "dist").toAbsolutePath().normalize();
  private static Backends shared;

  private final Path root;
  private final EmbeddedMariaDb mariaDb;
  private final JamesSettings jamesSettings;
  private volatile JamesBackend james;
  private KeycloakFixture keycloak;

  private Backends(Path root, EmbeddedMariaDb mariaDb, JamesSettings jamesSettings, JamesBackend james) {
    this.root = root;
    this.mariaDb = mariaDb;
    this.jamesSettings = jamesSettings;
    this.james = james;
  }

  /** The shared backends, started by the first caller. */
  public static synchronized Backends get() throws IOException {
    if (shared == null) {
      assertThat(DIST.resolve("lib"))
          .as("James distribution missing at %s: package james-backend first (./mvnw -B -q -pl james-backend -am install -DskipITs)", DIST)
          .isDirectory();
      Path root = Path.of(System.getProperty("java.io.tmpdir"), "gateway-it-" + System.nanoTime());
      EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(root.resolve("mariadb"), Ports.freeLoopbackPort());
      mariaDb.ensureDatabase("james", "james", "db-secret");
      JamesSettings settings = new JamesSettings(root.resolve("james"), DIST, HOST,
          new JamesSettings.Ports(Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
              Ports.freeLoopbackPort()),
          mariaDb.jdbcUrl("james"), "james", "db-secret", "james-admin@admin.test", ADMIN_PASSWORD, "384m");
      JamesBackend james = JamesBackend.start(settings);
      james.webAdmin().ensureDomain("admin.test");
      shared = new Backends(root, mariaDb, settings, james);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stopAll, "gateway-it-backends"));
    }
    return shared;
  }

  public EmbeddedMariaDb mariaDb() {
    return mariaDb;
  }

  public JamesSettings jamesSettings() {
    return jamesSettings;
  }

  public JamesBackend james() {
    return james;
  }

  /**
   * The real Keycloak with the shipped {@code sovereign} realm, started on first use and shared by the run's tests
   * (a cold start costs ~30 s). Tests that change users create their own; alice, bob, lea and mara are the realm's.
   */
  public synchronized KeycloakFixture keycloak() throws IOException {
    if (keycloak == null) {
      keycloak = KeycloakFixture.start();
    }
    return keycloak;
  }

  /** A fresh directory under the run's root for one test's files. */
  public Path newDirectory(String name) throws IOException {
    return Files.createDirectories(root.resolve(name + "-" + System.nanoTime()));
  }

  /** Creates database {@code name} with an account of the same name; returns its JDBC URL. */
  public String database(String name, String password) throws IOException {
    mariaDb.ensureDatabase(name, name, password);
    return mariaDb.jdbcUrl(name);
  }

  /** Adds a domain and its users to James (idempotent). */
  public void users(String domain, String... localParts) throws IOException {
    james.webAdmin().ensureDomain(domain);
    List<String> existing = james.webAdmin().listUsers();
    for (String localPart : localParts) {
      String address = localPart + "@" + domain;
      if (!existing.contains(address)) {
        james.webAdmin().ensureUser(address, "unused-" + System.nanoTime());
      }
    }
  }

  public boolean stopJames(Duration grace) {
    boolean stopped = james.stop(grace);
    return stopped;
  }

  public void startJames() throws IOException {
    james = JamesBackend.start(jamesSettings);
  }

  /** The Subject: of every message in {@code user}'s INBOX, read over IMAP as the administrator acting for the user. */
  public List<String> inboxSubjects(String user) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.imap.auth.mechanisms", "PLAIN");
    props.put("mail.imap.auth.login.disable", "true");
    props.put("mail.imap.sasl.authorizationid", user);
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "30000");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(HOST, jamesSettings.ports().imap(), jamesSettings.adminUser(), ADMIN_PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        List<String> subjects = new ArrayList<>();
        for (Message message : inbox.getMessages()) {
          subjects.add(message.getSubject());
        }
        return subjects;
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  private void stopAll() {
    synchronized (this) {
      if (keycloak != null) {
        try {
          keycloak.close();
        } catch (IOException e) {
          // the run is ending; a leftover Keycloak home is not worth failing it for
        }
      }
    }
    JamesBackend current = james;
    if (current != null) {
      current.stop(Duration.ofSeconds(30));
    }
    mariaDb.close();
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover temp directory is not worth failing the run for
    }
  }
}
