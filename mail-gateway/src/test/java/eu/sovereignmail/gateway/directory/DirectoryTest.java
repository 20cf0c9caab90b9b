package eu.sovereignmail.gateway.directory;

import eu.sovereignmail.gateway.smtp.session.Lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.smtp.Mailbox;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DirectoryTest {
  private static final DirectorySnapshot EXAMPLE = DirectorySnapshot.of(Set.of("Example.EU"),
      Map.of("example.org", "example.eu"), Set.of("alice@example.eu", "Bob@Example.eu"),
      Map.of("info@example.eu", "alice@example.eu", "boss@example.eu", "info@example.eu"),
      Set.of("team@example.eu"));
  private static final DirectorySettings NO_MISS_LIMIT =
      new DirectorySettings(Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(5));
  private static final DirectorySettings MISS_ONCE_AN_HOUR =
      new DirectorySettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5));

  /** A source the test edits and breaks. */
  private static final class FakeSource implements DirectorySource {
    final AtomicReference<DirectorySnapshot> content = new AtomicReference<>(EXAMPLE);
    final AtomicInteger loads = new AtomicInteger();
    volatile boolean down;

    @Override
    public DirectorySnapshot load() throws IOException {
      loads.incrementAndGet();
      if (down) {
        throw new IOException("connection refused");
      }
      return content.get();
    }
  }

  private static Mailbox mailbox(String address) {
    int at = address.lastIndexOf('@');
    return new Mailbox(address.substring(0, at), address.substring(at + 1));
  }

  @Test
  void comparesDomainsAndLocalPartsWithoutCase() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      assertThat(directory.refreshNow()).isTrue();
      assertThat(directory.isLocalDomain("EXAMPLE.eu")).isTrue();
      assertThat(directory.isLocalDomain("example.eu.")).isTrue();
      assertThat(directory.isLocalDomain("example.org")).as("domain alias").isTrue();
      assertThat(directory.isLocalDomain("example.net")).isFalse();
      assertThat(directory.lookup(mailbox("ALICE@example.EU"))).isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("bob@example.eu"))).isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("\"alice\"@example.eu"))).isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("Info@example.eu"))).as("alias").isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("team@example.eu"))).as("group").isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("alice@example.org"))).as("via domain alias").isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("postmaster@example.eu"))).isEqualTo(Lookup.KNOWN);
      assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.UNKNOWN);
      assertThat(directory.isKnownLocal(mailbox("carol@example.eu"))).isFalse();
      assertThat(directory.isKnownLocal(mailbox("alice@example.eu"))).isTrue();
    }
  }

  @Test
  void beforeTheFirstLoadRecipientsAreUnavailableNotUnknown() throws Exception {
    FakeSource source = new FakeSource();
    source.down = true;
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      directory.start();
      assertThat(directory.awaitLoaded(Duration.ofMillis(50))).isFalse();
      assertThat(directory.isLocalDomain("anything.example")).isTrue();
      assertThat(directory.lookup(mailbox("alice@example.eu"))).isEqualTo(Lookup.UNAVAILABLE);
      assertThat(directory.isKnownLocal(mailbox("alice@example.eu"))).isFalse();
      assertThat(directory.addressesOf("alice@example.eu")).isEmpty();
      source.down = false;
      assertThat(directory.lookup(mailbox("alice@example.eu"))).as("the miss refreshed").isEqualTo(Lookup.KNOWN);
      assertThat(directory.awaitLoaded(Duration.ZERO)).isTrue();
    }
  }

  @Test
  void aMissFindsAUserProvisionedAMomentAgo() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      directory.refreshNow();
      source.content.set(DirectorySnapshot.of(Set.of("example.eu"), Map.of(), Set.of("carol@example.eu"), Map.of(),
          Set.of()));
      assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.KNOWN);
    }
  }

  @Test
  void aFloodOfUnknownRecipientsCausesAtMostOneRefreshPerInterval() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, MISS_ONCE_AN_HOUR)) {
      directory.refreshNow();
      for (int i = 0; i < 500; i++) {
        assertThat(directory.lookup(mailbox("nobody" + i + "@example.eu"))).isEqualTo(Lookup.UNKNOWN);
        assertThat(directory.isLocalDomain("spam" + i + ".example")).isFalse();
      }
      assertThat(source.loads.get()).isEqualTo(2);
    }
  }

  @Test
  void anOutageKeepsTheLastSnapshotAndMakesMissesTemporary() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      directory.refreshNow();
      source.down = true;
      assertThat(directory.refreshNow()).isFalse();
      assertThat(directory.lookup(mailbox("alice@example.eu"))).isEqualTo(Lookup.KNOWN);
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("info@example.eu")))).isTrue();
      assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.UNAVAILABLE);
      source.down = false;
      assertThat(directory.lookup(mailbox("carol@example.eu"))).isEqualTo(Lookup.UNKNOWN);
    }
  }

  @Test
  void aSenderMayUseItsOwnAddressItsAliasesAndTheNullSender() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      directory.refreshNow();
      assertThat(directory.mayUse("alice@example.eu", Optional.empty())).isTrue();
      assertThat(directory.mayUse("Alice@Example.eu", Optional.of(mailbox("alice@EXAMPLE.eu")))).isTrue();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("info@example.eu")))).isTrue();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("boss@example.eu")))).as("alias of alias")
          .isTrue();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("alice@example.org")))).as("domain alias")
          .isTrue();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("bob@example.eu")))).isFalse();
      assertThat(directory.mayUse("bob@example.eu", Optional.of(mailbox("info@example.eu")))).isFalse();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("team@example.eu")))).as("group").isFalse();
      assertThat(directory.mayUse("alice@example.eu", Optional.of(mailbox("alice@example.net")))).isFalse();
    }
  }

  @Test
  void listsTheAddressesOfAUser() {
    FakeSource source = new FakeSource();
    try (Directory directory = new Directory(source, NO_MISS_LIMIT)) {
      directory.refreshNow();
      assertThat(directory.addressesOf("ALICE@example.eu")).containsExactlyInAnyOrder("alice@example.eu",
          "info@example.eu", "boss@example.eu", "alice@example.org", "info@example.org", "boss@example.org");
      assertThat(directory.addressesOf("bob@example.eu")).containsExactlyInAnyOrder("bob@example.eu", "bob@example.org");
      assertThat(directory.addressesOf("carol@example.eu")).isEmpty();
    }
  }

  @Test
  void refreshesInTheBackground() throws Exception {
    FakeSource source = new FakeSource();
    DirectorySettings often = new DirectorySettings(Duration.ofMillis(20), Duration.ofHours(1), Duration.ZERO);
    try (Directory directory = new Directory(source, often)) {
      directory.start();
      assertThat(directory.awaitLoaded(Duration.ofSeconds(10))).isTrue();
      source.content.set(DirectorySnapshot.of(Set.of("example.eu"), Map.of(), Set.of("dave@example.eu"), Map.of(),
          Set.of()));
      await().atMost(Duration.ofSeconds(10)).until(() -> directory.snapshot().orElseThrow().users()
          .contains("dave@example.eu"));
    }
  }

  @Test
  void settingsNameTheKeyTheyRefuse() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DirectorySettings(Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("directory.refresh-interval");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DirectorySettings(Duration.ofSeconds(1), Duration.ofSeconds(-1), Duration.ZERO))
        .hasMessageContaining("directory.miss-refresh-interval");
  }
}
