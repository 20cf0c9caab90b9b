package eu.sovereignmail.archive.blob.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Puts a whole file in place so that a crash leaves either the old state or the complete new file, and
 * the new file survives power loss once this returns: temp file, fsync, atomic rename, fsync of the
 * directory. Files are owner-only from creation.
 */
public final class AtomicFileWrite {
  /** Owner read/write only; immutable, so one instance serves every write. */
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private AtomicFileWrite() {}

  /**
   * Writes {@code bytes} to {@code target} through a temporary file in {@code tmpDir} (same file system);
   * an existing target is replaced atomically.
   */
  public static void write(Path tmpDir, Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(tmpDir, ".write-", ".tmp", OWNER_ONLY);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Creates {@code dir} (and missing parents) if needed, syncing each parent so the new entries are durable. */
  public static void createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDirectories(absolute.getParent());
    Files.createDirectories(absolute);
    syncDirectory(absolute.getParent());
  }

  /** Makes {@code dir}'s entries (creations, renames) durable. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
