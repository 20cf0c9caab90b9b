package eu.sovereignmail.archive.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
  @TempDir Path dir;

  private static byte[] message(int n) {
    return ("Message-ID: <" + n + "@example.eu>\r\n\r\nbody " + n).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void identicalBytesAreStoredOnceAndReadBackIdentical() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    BlobId first = store.put(message(1));
    Path file = store.pathOf(first);
    byte[] sealedFirst = Files.readAllBytes(file);

    BlobId again = store.put(new ByteArrayInputStream(message(1)));
    BlobId other = store.put(message(2));

    assertThat(again).isEqualTo(first);
    assertThat(Files.readAllBytes(file)).as("not rewritten").isEqualTo(sealedFirst);
    assertThat(other).isNotEqualTo(first);
    assertThat(store.get(first)).isEqualTo(message(1));
    assertThat(store.get(other)).isEqualTo(message(2));
    try (Stream<BlobId> ids = store.ids()) {
      assertThat(ids.toList()).containsExactlyInAnyOrder(first, other);
    }
    assertThat(file.getParent().getFileName().toString()).isEqualTo(first.hex().substring(2, 4));
    assertThat(file.getParent().getParent().getFileName().toString()).isEqualTo(first.hex().substring(0, 2));
  }

  @Test
  void aFailedPutLeavesNoBlobAndNoTemporaryFile() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    InputStream failing = new SequenceInputStream(new ByteArrayInputStream(message(3)), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("client went away");
      }
    });

    assertThatThrownBy(() -> store.put(failing)).hasMessageContaining("client went away");

    try (Stream<BlobId> ids = store.ids(); Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(ids.toList()).isEmpty();
      assertThat(tmp.toList()).isEmpty();
    }
  }

  @Test
  void temporaryFilesLeftByACrashAreNeverBlobsAndAreRemovedAtOpen() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    BlobId kept = store.put(message(4));
    Path leftover = dir.resolve("tmp").resolve(".write-123.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});

    try (Stream<BlobId> ids = store.ids()) {
      assertThat(ids.toList()).containsExactly(kept);
    }
    FileBlobStore reopened = FileBlobStore.open(dir, TestKeys.ring("k1"));
    assertThat(leftover).doesNotExist();
    assertThat(reopened.exists(kept)).isTrue();
  }

  @Test
  void missingAndAlteredBlobsAreTypedErrors() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    BlobId id = store.put(message(5));
    byte[] sealed = Files.readAllBytes(store.pathOf(id));
    sealed[sealed.length - 20] ^= 0x40;
    Files.write(store.pathOf(id), sealed);

    assertThatThrownBy(() -> store.get(id)).isInstanceOf(BlobIntegrityException.class);
    BlobId absent = BlobId.of(message(6));
    assertThat(store.exists(absent)).isFalse();
    assertThatThrownBy(() -> store.get(absent)).isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void blobsAreOwnerOnly() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    BlobId id = store.put(message(7));
    assertThat(Files.getPosixFilePermissions(store.pathOf(id)).toString()).doesNotContain("GROUP", "OTHERS");
  }

  @Test
  void blobsWrittenBeforeAKeyRotationStayReadable(@TempDir Path keys) throws Exception {
    Path keyFile = keys.resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    BlobId old = FileBlobStore.open(dir, KeyRing.fromFile(keyFile)).put(message(8));

    KeyRing.rotateKeyFile(keyFile);
    FileBlobStore rotated = FileBlobStore.open(dir, KeyRing.fromFile(keyFile));
    BlobId fresh = rotated.put(message(9));

    assertThat(rotated.get(old)).isEqualTo(message(8));
    assertThat(rotated.get(fresh)).isEqualTo(message(9));
  }

  @Test
  void deleteRemovesTheBlobForGoodAndIsIdempotent() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, TestKeys.ring("k1"));
    BlobId gone = store.put(message(7));
    BlobId kept = store.put(message(8));

    assertThat(store.delete(gone)).isTrue();
    assertThat(store.delete(gone)).as("already gone: not an error").isFalse();

    assertThat(store.exists(gone)).isFalse();
    assertThat(store.pathOf(gone)).doesNotExist();
    assertThatThrownBy(() -> store.get(gone)).isInstanceOf(BlobNotFoundException.class);
    assertThat(store.get(kept)).isEqualTo(message(8));
    try (Stream<BlobId> ids = store.ids()) {
      assertThat(ids.toList()).containsExactly(kept);
    }
  }
}
