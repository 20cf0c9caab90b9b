package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.identity.auth.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuity routing inside one delivery pass, against a real spool and scripted next hops: SOVEREIGN, LEGACY and DUAL
 * legs, per-recipient failover to James in the same pass, no second copy to James, DSN before "failed".
 */
class DeliveryRoutingTest {
  private static final RetrySchedule RETRY = new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofHours(1));
  private static final byte[] MESSAGE = "Subject: routed\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final ScriptedHop james = new ScriptedHop("james");
  private final ScriptedHop legacy = new ScriptedHop("legacy.example.net");
  private final TableRouting routing = new TableRouting();
  private final List<FailedRecipient> bounced = new CopyOnWriteArrayList<>();
  private volatile boolean dsnBroken;
  private Spool spool;
  private DeliveryWorker worker;

  @BeforeEach
  void open() throws IOException {
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    worker = new DeliveryWorker(spool, (entry, message) -> message.readAllBytes(),
        Map.of(Destination.JAMES, james, Destination.LEGACY, legacy), routing,
        new DeliverySettings(1, Duration.ofSeconds(1), RETRY),
        (entry, failed) -> {
          if (dsnBroken) {
            throw new IOException("disk full");
          }
          bounced.addAll(failed);
        }, clock);
  }

  @AfterEach
  void close() throws IOException {
    worker.close();
    spool.close();
  }

  @Test
  void eachRecipientGoesWhereItsRouteSays() throws Exception {
    routing.routes.put("anna@example.eu", Route.SOVEREIGN);
    routing.routes.put("leo@example.eu", Route.LEGACY);
    routing.routes.put("dora@example.eu", Route.DUAL);
    EntryId id = spool("anna@example.eu", "leo@example.eu", "dora@example.eu");

    worker.process(id);

    assertThat(james.delivered).containsExactlyInAnyOrder("anna@example.eu", "dora@example.eu");
    assertThat(legacy.delivered).containsExactlyInAnyOrder("leo@example.eu", "dora@example.eu");
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void dualDoesNotSendJamesASecondCopyWhileTheLegacyLegIsRetried() throws Exception {
    routing.routes.put("dora@example.eu", Route.DUAL);
    legacy.next.put("dora@example.eu", SmtpReply.of(451, "4.3.0", "try later"));
    EntryId id = spool("dora@example.eu");

    worker.process(id);
    RecipientState waiting = state(id, "dora@example.eu");
    assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(waiting.reached()).containsExactly(Destination.JAMES);

    clock.advance(RETRY.initial());
    worker.process(id);
    assertThat(james.delivered).containsExactly("dora@example.eu");
    assertThat(legacy.delivered).containsExactly("dora@example.eu");
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void anAccountCutOffAtTheLegacyProviderFailsOverToJamesInTheSamePassAndOnlyThatRecipient() throws Exception {
    routing.routes.put("karim@example.eu", Route.LEGACY);
    routing.routes.put("leo@example.eu", Route.LEGACY);
    legacy.next.put("karim@example.eu", SmtpReply.of(550, "5.7.1", "account disabled"));
    EntryId id = spool("karim@example.eu", "leo@example.eu");

    worker.process(id);

    assertThat(routing.failedOver).containsExactly("karim@example.eu");
    assertThat(routing.routes.get("karim@example.eu")).isEqualTo(Route.SOVEREIGN);
    assertThat(routing.routes.get("leo@example.eu")).isEqualTo(Route.LEGACY);
    assertThat(james.delivered).containsExactly("karim@example.eu");
    assertThat(legacy.delivered).containsExactly("leo@example.eu");
    assertThat(bounced).isEmpty();
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void dualSwitchedToSovereignAfterTheShadowCopyNeverDeliversTwiceToJames() throws Exception {
    routing.routes.put("dora@example.eu", Route.DUAL);
    legacy.next.put("dora@example.eu", SmtpReply.of(451, "4.4.1", "legacy down"));
    EntryId id = spool("dora@example.eu");
    worker.process(id);

    routing.routes.put("dora@example.eu", Route.SOVEREIGN);
    clock.advance(RETRY.initial());
    worker.process(id);

    assertThat(james.delivered).containsExactly("dora@example.eu");
    assertThat(legacy.delivered).isEmpty();
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void aPermanentRefusalAboutTheMessageBouncesWithoutFailover() throws Exception {
    routing.routes.put("leo@example.eu", Route.LEGACY);
    legacy.next.put("leo@example.eu", SmtpReply.of(552, "5.3.4", "message too big"));
    EntryId id = spool("leo@example.eu");

    worker.process(id);

    assertThat(routing.failedOver).isEmpty();
    assertThat(bounced).singleElement().satisfies(f -> {
      assertThat(f.recipient().address()).isEqualTo("leo@example.eu");
      assertThat(f.reply().enhanced()).isEqualTo("5.3.4");
      assertThat(f.remoteHost()).isEqualTo("legacy.example.net");
    });
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void whenTheDsnCannotBeSpooledTheRecipientWaitsInsteadOfFailingSilently() throws Exception {
    routing.routes.put("leo@example.eu", Route.SOVEREIGN);
    james.next.put("leo@example.eu", SmtpReply.of(550, "5.1.1", "no such user"));
    dsnBroken = true;
    EntryId id = spool("leo@example.eu");

    worker.process(id);
    assertThat(state(id, "leo@example.eu").status()).isEqualTo(DeliveryStatus.PENDING);

    dsnBroken = false;
    james.next.put("leo@example.eu", SmtpReply.of(550, "5.1.1", "no such user"));
    clock.advance(RETRY.initial());
    worker.process(id);
    assertThat(bounced).hasSize(1);
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void aDualShadowRefusedByJamesDoesNotBounceMailTheLegacyProviderTook() throws Exception {
    routing.routes.put("dora@example.eu", Route.DUAL);
    james.next.put("dora@example.eu", SmtpReply.of(550, "5.1.1", "not provisioned yet"));
    EntryId id = spool("dora@example.eu");

    worker.process(id);

    assertThat(bounced).isEmpty();
    assertThat(legacy.delivered).containsExactly("dora@example.eu");
    assertThat(spool.get(id)).isEmpty();
  }

  @Test
  void aHeldEntryIsJournaledButNotDeliveredUntilReleased() throws Exception {
    routing.routes.put("anna@example.eu", Route.SOVEREIGN);
    EntryId id = spool("anna@example.eu");
    spool.hold(id, true).join();

    worker.process(id);
    assertThat(spool.get(id).orElseThrow().journaled()).isTrue();
    assertThat(james.delivered).isEmpty();

    spool.hold(id, false).join();
    worker.process(id);
    assertThat(james.delivered).containsExactly("anna@example.eu");
  }

  private EntryId spool(String... recipients) {
    return TestEntries.spool(spool, clock.instant(), MESSAGE, "sender@example.org", recipients);
  }

  private RecipientState state(EntryId id, String address) {
    return TestEntries.state(spool, id, address);
  }


  /** A next hop that answers 250 unless told otherwise for a recipient (once), and remembers what it took. */
  private static final class ScriptedHop implements Transport {
    final String name;
    final Map<String, SmtpReply> next = new ConcurrentHashMap<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();

    ScriptedHop(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource message) throws IOException {
      assertThat(message.open().readAllBytes()).isEqualTo(MESSAGE);
      List<RecipientReply> replies = new ArrayList<>();
      for (String address : transaction.addresses()) {
        SmtpReply reply = Optional.ofNullable(next.remove(address)).orElse(SmtpReply.OK);
        if (reply.positive()) {
          delivered.add(address);
        }
        replies.add(new RecipientReply(address, reply));
      }
      return replies;
    }
  }

  /** Routes from a table; fails a recipient over on 5.7.x like the real policy, flipping its row to SOVEREIGN. */
  private static final class TableRouting implements Routing {
    final Map<String, Route> routes = new ConcurrentHashMap<>();
    final List<String> failedOver = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Route> routeFor(String address) {
      return Optional.ofNullable(routes.get(address));
    }

    @Override
    public boolean failover(String address, SmtpReply legacyReply, Duration failingFor) {
      if (legacyReply.enhanced() != null && legacyReply.enhanced().startsWith("5.7.")) {
        routes.put(address, Route.SOVEREIGN);
        failedOver.add(address);
        return true;
      }
      return false;
    }
  }
}
