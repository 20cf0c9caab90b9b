package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk full and I/O errors, injected through the channel seam: the future fails typed, never succeeds. */
class SpoolFailureTest {
  @TempDir Path dir;

  private static FileChannelOpener failingForce(Predicate<Path> which, String error) {
    return (path, options) -> new ForwardingFileChannel(FileChannel.open(path, options)) {
      @Override
      public void force(boolean metaData) throws IOException {
        if (which.test(path)) {
          throw new IOException(error);
        }
        super.force(metaData);
      }
    };
  }

  private static FileChannelOpener failingWrite(String error) {
    return (path, options) -> new ForwardingFileChannel(FileChannel.open(path, options)) {
      @Override
      public int write(ByteBuffer src) throws IOException {
        if (position() > 200) {
          throw new IOException(error);
        }
        return super.write(src);
      }
    };
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    return future.handle((ok, error) -> error).join();
  }

  @Test
  void diskFullOnFsyncFailsTheCommitAndLeavesNoFile() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), failingForce(p -> p.toString().endsWith(".spool"), "No space left on device"))) {
      Envelope envelope = TestEnvelopes.envelope();
      assertThat(failureOf(spool.accept(envelope, new ByteArrayInputStream(new byte[10])))).isInstanceOf(SpoolFullException.class);
      assertThat(spool.list()).isEmpty();
      assertThat(SpoolTest.spoolFiles(dir)).isEmpty();
    }
  }

  @Test
  void ioErrorOnTheDirectoryFsyncFailsTheCommit() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), failingForce(Files::isDirectory, "Input/output error"))) {
      assertThat(failureOf(spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream(new byte[10])))).isInstanceOf(SpoolIoException.class);
      assertThat(spool.list()).isEmpty();
    }
  }

  @Test
  void onlyTheFailingFileOfABatchFails() throws Exception {
    Envelope bad = TestEnvelopes.envelope();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), SpoolConcurrencyTest.slowDisk(0))) {
      spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream(new byte[1])).get();
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), failingForce(p -> p.getFileName().toString().startsWith(bad.id().toString()), "Input/output error"))) {
      CompletableFuture<SpoolEntry> failing = spool.accept(bad, new ByteArrayInputStream(new byte[1]));
      CompletableFuture<SpoolEntry> fine = spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream(new byte[1]));
      assertThat(fine.get(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(failureOf(failing)).isInstanceOf(SpoolIoException.class);
      assertThat(spool.list()).hasSize(2);
    }
  }

  @Test
  void diskFullWhileStreamingIsThrownTypedAtWrite() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), failingWrite("No space left on device"))) {
      SpoolWriter writer = spool.begin(TestEnvelopes.envelope());
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100; i++) {
          writer.write(new byte[64], 0, 64);
        }
      }).isInstanceOf(SpoolFullException.class);
      writer.abort();
      assertThat(SpoolTest.spoolFiles(dir)).isEmpty();
      assertThat(failureOf(spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream(new byte[1000])))).isInstanceOf(SpoolFullException.class);
    }
  }

  @Test
  void aFailedStateFsyncFailsTheMarkAndChangesNothing() throws Exception {
    Envelope envelope = TestEnvelopes.envelope();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      spool.accept(envelope, new ByteArrayInputStream(new byte[1])).get();
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), failingForce(p -> p.toString().endsWith(".spool"), "Input/output error"))) {
      assertThat(failureOf(spool.markJournaled(envelope.id()))).isInstanceOf(SpoolIoException.class);
      assertThat(spool.get(envelope.id()).orElseThrow().journaled()).isFalse();
    }
  }
}
