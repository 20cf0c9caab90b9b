package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.gateway.app.GatewayArchive;
import eu.sovereignmail.gateway.config.ConfigLoader;
import eu.sovereignmail.gateway.config.GatewayConfig;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sovereign-mail archive verify/stats} against an archive the gateway's own opening code wrote, on a
 * real MariaDB (only a database is needed, so not the shared James backends): clean, then with a journal
 * row edited and a blob corrupted on disk (both named), then with the tail cut and the head row forged to
 * match (only the signed checkpoint shows it); and the legal commands beside a running gateway: a case exported
 * (ZIP and mbox), the ZIP verified (then altered and failed), the export in the audit log, the audit chain checked.
 */
class ArchiveCommandIT {
  private static final Path DIR = Path.of("target", "it-archive-cli-" + System.nanoTime()).toAbsolutePath();
  private static EmbeddedMariaDb mariaDb;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void verifyNamesTheEditedRowAndTheCorruptedBlob() throws Exception {
    Path config = gatewayConfig("archive_tamper");
    List<byte[]> messages = journal(config, 30);

    Run clean = run("archive", "verify", "--config", config.toString());
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).contains("Checked 30 journal entries, 30 blobs, 1 checkpoints.", "Result: CLEAN");

    Run stats = run("archive", "stats", "--config", config.toString());
    assertThat(stats.exitCode()).as(stats.toString()).isZero();
    assertThat(stats.out()).containsPattern("Journal entries +30").containsPattern("Blobs +30")
        .containsPattern("Stored / raw +\\d+\\.\\d{3}");

    sql(config, "UPDATE journal_entry SET mail_from = 'someone-else@example.org' WHERE seq = 7");
    BlobId corrupted = BlobId.of(messages.get(12));
    Path blobFile = blobFile(config, corrupted);
    byte[] sealed = Files.readAllBytes(blobFile);
    sealed[sealed.length - 20] ^= 0x01;
    Files.write(blobFile, sealed);

    Run tampered = run("archive", "verify", "--config", config.toString());

    assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(ArchiveCommand.PROBLEMS);
    assertThat(tampered.out())
        .contains("CHAIN BROKEN at entry 7 (spool record spool-6): the entry's content does not match its entry_hash")
        .contains("BLOB CORRUPT " + corrupted.hex())
        .contains("Result: PROBLEMS FOUND");
  }

  @Test
  void aCutTailWithAForgedHeadPassesTheChainButNotTheSignedCheckpoint() throws Exception {
    Path config = gatewayConfig("archive_cut");
    journal(config, 10);
    // Whoever can write the database removes the last three entries and moves the head row back to match.
    sql(config, "DELETE FROM journal_recipient WHERE entry_seq > 7");
    sql(config, "DELETE FROM journal_entry WHERE seq > 7");
    sql(config, "UPDATE chain_head SET last_seq = 7, last_hash = (SELECT entry_hash FROM journal_entry WHERE seq = 7)");

    Run run = run("archive", "verify", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ArchiveCommand.PROBLEMS);
    assertThat(run.out()).contains("Chain: intact.")
        .contains("CHECKPOINT NOT_ON_CHAIN at entry 10")
        .contains("Result: PROBLEMS FOUND");

    Run publicKey = run("archive", "public-key", "--config", config.toString());
    assertThat(publicKey.exitCode()).isZero();
    assertThat(publicKey.out()).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void aMissingConfigurationIsAClearErrorNotAStackTrace() {
    Run run = run("archive", "verify", "--config", DIR.resolve("nowhere.yml").toString());
    assertThat(run.exitCode()).isEqualTo(ArchiveCommand.CANNOT);
    assertThat(run.err()).startsWith("sovereign-mail archive verify: ").contains("nowhere.yml");
  }

  @Test
  void searchShowAndStatusReadWhatTheGatewayIndexed() throws Exception {
    Path config = gatewayConfig("archive_search");
    journal(config, 12);
    // The gateway keeps running (and holding its index) while the commands read.
    try (Archive gateway = GatewayArchive.openForGateway(new ConfigLoader().load(config, Map.of()))) {
      gateway.search().catchUp();
      searchShowAndStatus(config);
    }
  }

  private static void searchShowAndStatus(Path config) {

    Run status = run("archive", "status", "--config", config.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("Journal head +12").containsPattern("Lag \\(entries\\) +0");

    Run found = run("archive", "search", "--config", config.toString(), "subject:\"message 7\"", "direction:outbound");
    assertThat(found.exitCode()).as(found.toString()).isZero();
    assertThat(found.out()).startsWith("1 messages match").contains("message 7");
    String id = found.out().lines().skip(1).findFirst().orElseThrow().trim().split(" +")[0];

    Run shown = run("archive", "show", "--config", config.toString(), id);
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains("\"subject\" : \"message 7\"", "cli7@example.eu", "bob@example.org");

    Run none = run("archive", "search", "--config", config.toString(), "subject:nothing-like-this");
    assertThat(none.exitCode()).isEqualTo(ArchiveCommand.PROBLEMS);
    assertThat(none.out()).startsWith("0 messages match");

    Run malformed = run("archive", "search", "--config", config.toString(), "subject:(budget");
    assertThat(malformed.exitCode()).isEqualTo(ArchiveCommand.CANNOT);
    assertThat(malformed.err()).contains("subject:(budget", "^");
  }

  @Test
  void aCaseIsExportedVerifiedAndAuditedFromTheCommandLine() throws Exception {
    Path config = gatewayConfig("archive_legal");
    journal(config, 6);
    Path zip = DIR.resolve("case-export.zip");
    // The gateway keeps running (indexing, holding its index) while the commands work beside it.
    try (Archive gateway = GatewayArchive.openForGateway(new ConfigLoader().load(config, Map.of()))) {
      gateway.search().catchUp();
      Actor lea = new Actor("lea", Set.of("legal"), "192.0.2.10");
      long caseId = gateway.cases().create(lea, "Budget 2026", "the budget matter").id();
      gateway.cases().addCustodian(lea, caseId, "alice@example.eu");
      gateway.holds().placeCustodianHold(lea, caseId, "alice@example.eu", Optional.empty(), Optional.empty());
      String caseArg = Long.toString(caseId);

      Run export = run("archive", "export", caseArg, "--config", config.toString(), "--format", "zip",
          "--out", zip.toString(), "--query", "subject:message");
      assertThat(export.exitCode()).as(export.toString()).isZero();
      assertThat(export.err()).contains("export ", "done 100% (6 of 6 messages)");
      assertThat(export.out()).contains("of case " + caseId + ": 6 messages (0 missing", "Written to " + zip);

      Path mbox = DIR.resolve("two.mbox");
      Run byIds = run("archive", "export", caseArg, "--config", config.toString(), "--format", "mbox",
          "--out", mbox.toString(), "--ids", idsOf(gateway, "subject:\"message 2\"") + "," + idsOf(gateway, "subject:\"message 4\""));
      assertThat(byIds.exitCode()).as(byIds.toString()).isZero();
      assertThat(Files.readString(mbox, StandardCharsets.ISO_8859_1)).contains("Subject: message 2", "Subject: message 4");
      assertThat(DIR.resolve("two.mbox.manifest.json")).content().contains("\"count\": 2");
      assertThat(DIR.resolve("two.mbox.manifest.json.sig")).isNotEmptyFile();

      Run show = run("archive", "case", "show", caseArg, "--config", config.toString());
      assertThat(show.exitCode()).as(show.toString()).isZero();
      assertThat(show.out()).contains("Case " + caseId + ": Budget 2026", "Custodians   alice@example.eu")
          .containsPattern("CUSTODIAN +alice@example\\.eu .*ACTIVE")
          .containsPattern("zip +DONE +6/6 \\(100%\\)")
          .containsPattern("mbox +DONE +2/2 \\(100%\\)");
      assertThat(run("archive", "case", "list", "--config", config.toString()).out()).contains("Budget 2026");
      assertThat(run("archive", "hold", "list", caseArg, "--config", config.toString()).out())
          .containsPattern("CUSTODIAN +alice@example\\.eu +\\S+ +lea +ACTIVE");
      assertThat(run("archive", "retention", "list", "--config", config.toString()).out())
          .contains("none: every message is kept.");
    }

    Path publicKey = DIR.resolve("archive-public.pem");
    Files.writeString(publicKey, run("archive", "public-key", "--config", config.toString()).out());
    Run verified = run("archive", "export", "verify", zip.toString(), "--public-key", publicKey.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains("Signature: OK", "Messages: 6 of 6 present", "Result: OK");

    Path altered = DIR.resolve("case-export-altered.zip");
    Files.write(altered, flipAByteOfAMessage(Files.readAllBytes(zip)));
    Run failed = run("archive", "export", "verify", altered.toString(), "--public-key", publicKey.toString());
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ArchiveCommand.PROBLEMS);
    assertThat(failed.out()).contains("FAILED messages/", "Result: FAILED");

    String operator = "cli:" + System.getProperty("user.name");
    Run audit = run("archive", "audit", "list", "--config", config.toString(), "--action", "export.");
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(audit.out()).containsPattern(java.util.regex.Pattern.quote(operator) + " +cli +export\\.start +case:\\d+ +export=\\d+ format=ZIP messages=6")
        .containsPattern(java.util.regex.Pattern.quote(operator) + " +cli +export\\.download +export:\\d+");
    Run json = run("archive", "audit", "list", "--config", config.toString(), "--actor", "lea", "--json");
    assertThat(json.out()).contains("\"action\" : \"case.create\"", "\"action\" : \"hold.place\"", "\"origin\" : \"192.0.2.10\"");
    Path csv = DIR.resolve("audit.csv");
    Run exported = run("archive", "audit", "export", "--config", config.toString(), "--format", "csv", "--out", csv.toString());
    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(csv).content().contains("export.start", "audit.view", "audit.export");

    Run auditVerify = run("archive", "audit", "verify", "--config", config.toString());
    assertThat(auditVerify.exitCode()).as(auditVerify.toString()).isZero();
    assertThat(auditVerify.out()).contains("Audit chain: intact.");
    Run verify = run("archive", "verify", "--config", config.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("Purged blobs: 0", "Audit chain: intact.", "Result: CLEAN");

    // Someone with database access edits the record of the export: both verify commands name it.
    sql(config, "UPDATE audit_entry SET actor = 'nobody' WHERE action = 'export.start'");
    Run broken = run("archive", "audit", "verify", "--config", config.toString());
    assertThat(broken.exitCode()).isEqualTo(ArchiveCommand.PROBLEMS);
    assertThat(broken.out()).containsPattern("AUDIT CHAIN BROKEN at entry \\d+ \\(ALTERED\\)");
    assertThat(run("archive", "verify", "--config", config.toString()).out()).contains("AUDIT CHAIN BROKEN", "Result: PROBLEMS FOUND");
  }

  private static String idsOf(Archive archive, String query) {
    return archive.search().matchingIds(query).stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
  }

  /** The ZIP with one byte of the first message's stored data changed (its local header left intact). */
  private static byte[] flipAByteOfAMessage(byte[] zip) {
    byte[] name = "messages/".getBytes(StandardCharsets.US_ASCII);
    for (int i = 30; i < zip.length - name.length; i++) {
      if (java.util.Arrays.equals(zip, i, i + name.length, name, 0, name.length)) {
        int header = i - 30;
        int nameLength = (zip[header + 26] & 0xff) | (zip[header + 27] & 0xff) << 8;
        int extraLength = (zip[header + 28] & 0xff) | (zip[header + 29] & 0xff) << 8;
        byte[] altered = zip.clone();
        altered[i + nameLength + extraLength + 3] ^= 0x20;
        return altered;
      }
    }
    throw new AssertionError("no message in the ZIP");
  }

  /** Journals {@code count} distinct messages through the gateway's own opening code, then signs a checkpoint. */
  private static List<byte[]> journal(Path configFile, int count) throws Exception {
    GatewayConfig config = new ConfigLoader().load(configFile, Map.of());
    List<byte[]> messages = new java.util.ArrayList<>();
    KeyRing.createKeyFile(GatewayArchive.settings(config).keyFile());
    // No indexer here: the tamper tests edit journal rows, which indexed copies would then reference.
    ArchiveSettings settings = GatewayArchive.settings(config);
    try (Archive archive = Archive.open(settings.withSearch(settings.search().withIndexer(false)))) {
      for (int i = 0; i < count; i++) {
        byte[] message = ("Message-ID: <cli" + i + "@example.eu>\r\nSubject: message " + i + "\r\n\r\n"
            + "body of message " + i + " ".repeat(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        messages.add(message);
        archive.journal().append("spool-" + i, new Envelope("alice@example.eu", List.of("bob@example.org"),
            Direction.OUTBOUND, "192.0.2.1", "alice", "gw-cli", Instant.parse("2026-05-12T08:00:00Z").plusSeconds(i)),
            message);
      }
      assertThat(archive.checkpoints().checkpointNow()).hasValueSatisfying(c -> assertThat(c.sequence()).isEqualTo(count));
    }
    return messages;
  }

  private static Path gatewayConfig(String database) throws Exception {
    mariaDb.ensureDatabase(database, database, database + "-secret");
    Path dataDir = DIR.resolve(database);
    String yaml = """
        hostname: mx.example.eu
        data-dir: %s
        database:
          url: %s
          user: %s
          password: %s
        james:
          host: 127.0.0.1
        """.formatted(dataDir, mariaDb.jdbcUrl(database), database, database + "-secret");
    Files.createDirectories(dataDir);
    return Files.writeString(dataDir.resolve("gateway.yml"), yaml);
  }

  private static Path blobFile(Path configFile, BlobId id) throws Exception {
    Path blobs = GatewayArchive.settings(new ConfigLoader().load(configFile, Map.of())).blobDir();
    return blobs.resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2, 4)).resolve(id.hex());
  }

  private static void sql(Path configFile, String statement) throws Exception {
    GatewayConfig.Database db = new ConfigLoader().load(configFile, Map.of()).database();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SovereignMail());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
