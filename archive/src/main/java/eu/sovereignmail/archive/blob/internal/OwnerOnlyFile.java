package eu.sovereignmail.archive.blob.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Secret files of the archive (the AES key ring, the checkpoint signing key): read only when no one but
 * their owner may access them, written owner-only from creation and durably.
 */
public final class OwnerOnlyFile {
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnlyFile() {}

  /**
   * Fails unless {@code file} exists and group and others have no access to it ({@code what} names the
   * file in the message, e.g. "archive key file").
   */
  public static void require(Path file, String what) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, what + " not found");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: its ACLs are the operator's to set
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
      throw new IOException("refusing " + what + " " + file + ": its mode is "
          + PosixFilePermissions.toString(permissions) + " but it must be readable by its owner only (chmod 600 "
          + file + ")");
    }
  }

  /** Writes the whole of {@code file} beside itself (mode 600 from creation, fsynced), then renames it into place. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    AtomicFileWrite.createDirectories(dir);
    AtomicFileWrite.write(dir, file.toAbsolutePath(), bytes);
  }
}
