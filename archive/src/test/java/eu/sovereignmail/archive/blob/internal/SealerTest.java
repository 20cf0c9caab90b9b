package eu.sovereignmail.archive.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobIntegrityException;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.blob.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final byte[] MESSAGE = ("From: alice@example.eu\r\nTo: bob@example.eu\r\nSubject: budget\r\n\r\n"
      + "The budget for 2026 is attached. ".repeat(40)).getBytes(StandardCharsets.US_ASCII);
  private static final BlobId ID = BlobId.of(MESSAGE);

  @Test
  void roundTripsAndCompressesAndEncrypts() throws Exception {
    Sealer sealer = new Sealer(TestKeys.ring("k1"));
    byte[] sealed = sealer.seal(ID, MESSAGE);

    assertThat(sealer.open(ID, sealed)).isEqualTo(MESSAGE);
    assertThat(sealed.length).isLessThan(MESSAGE.length / 4);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("budget");
    assertThat(sealer.seal(ID, MESSAGE)).as("a fresh nonce each time").isNotEqualTo(sealed);
  }

  @Test
  void roundTripsAnEmptyMessage() throws Exception {
    Sealer sealer = new Sealer(TestKeys.ring("k1"));
    BlobId empty = BlobId.of(new byte[0]);
    assertThat(sealer.open(empty, sealer.seal(empty, new byte[0]))).isEmpty();
  }

  @Test
  void anyAlteredByteIsRefused() {
    Sealer sealer = new Sealer(TestKeys.ring("k1"));
    byte[] sealed = sealer.seal(ID, MESSAGE);
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;
      assertThatThrownBy(() -> sealer.open(ID, altered))
          .as("byte %d altered", i)
          .isInstanceOf(BlobIntegrityException.class);
    }
    assertThatThrownBy(() -> sealer.open(ID, Arrays.copyOf(sealed, sealed.length - 1)))
        .isInstanceOf(BlobIntegrityException.class);
  }

  @Test
  void aBlobCannotBePassedOffAsAnother() {
    Sealer sealer = new Sealer(TestKeys.ring("k1"));
    byte[] other = "From: mallory@example.eu\r\n\r\nswap".getBytes(StandardCharsets.US_ASCII);
    byte[] sealedOther = sealer.seal(BlobId.of(other), other);

    assertThatThrownBy(() -> sealer.open(ID, sealedOther))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("authentication failed");
  }

  @Test
  void anUnknownKeyIdIsNamedClearly() {
    byte[] sealed = new Sealer(TestKeys.ring("old")).seal(ID, MESSAGE);

    assertThatThrownBy(() -> new Sealer(TestKeys.ring("new")).open(ID, sealed))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("key id 'old'")
        .hasMessageContaining("does not hold");
  }

  @Test
  void aDifferentKeyUnderTheSameIdFailsAuthentication() {
    byte[] sealed = new Sealer(TestKeys.ring("k1")).seal(ID, MESSAGE);

    assertThatThrownBy(() -> new Sealer(TestKeys.ring("k1")).open(ID, sealed))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("authentication failed");
  }

  @Test
  void afterRotationOldBlobsStillOpenAndNewOnesUseTheNewKey() throws Exception {
    String oldKey = TestKeys.freshKey();
    KeyRing before = KeyRing.parse("key.k1=" + oldKey + "\nactive=k1", "test");
    KeyRing after = KeyRing.parse("key.k1=" + oldKey + "\nkey.k2=" + TestKeys.freshKey() + "\nactive=k2", "test");
    byte[] sealedBefore = new Sealer(before).seal(ID, MESSAGE);

    Sealer rotated = new Sealer(after);
    byte[] sealedAfter = rotated.seal(ID, MESSAGE);

    assertThat(rotated.open(ID, sealedBefore)).isEqualTo(MESSAGE);
    assertThat(rotated.open(ID, sealedAfter)).isEqualTo(MESSAGE);
    assertThatThrownBy(() -> new Sealer(before).open(ID, sealedAfter))
        .hasMessageContaining("key id 'k2'");
  }
}
