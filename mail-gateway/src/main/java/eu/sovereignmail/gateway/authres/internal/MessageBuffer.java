package eu.sovereignmail.gateway.authres.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One incoming message held while it is checked: in memory up to a limit, then in a private temporary file (the
 * checks read it more than once: DKIM over the whole message, then the copy into the spool). Never fsynced: the
 * spool makes it durable.
 */
public final class MessageBuffer implements AutoCloseable {
  private final Path tempDir;
  private final int memoryLimit;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;

  public MessageBuffer(Path tempDir, int memoryLimit) {
    this.tempDir = tempDir;
    this.memoryLimit = memoryLimit;
  }

  public void write(ByteBuffer bytes) throws IOException {
    ByteBuffer view = bytes.duplicate();
    int n = view.remaining();
    if (file == null && memory.size() + n > memoryLimit) {
      spill();
    }
    byte[] chunk = new byte[n];
    view.get(chunk);
    if (file == null) {
      memory.write(chunk);
    } else {
      fileOut.write(chunk);
    }
    size += n;
  }

  public long size() {
    return size;
  }

  /** A fresh stream over everything written so far. */
  public InputStream open() throws IOException {
    if (file == null) {
      return new ByteArrayInputStream(memory.toByteArray());
    }
    fileOut.flush();
    return Files.newInputStream(file);
  }

  private void spill() throws IOException {
    Files.createDirectories(tempDir);
    try {
      file = Files.createTempFile(tempDir, "inbound-", ".eml",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      file = Files.createTempFile(tempDir, "inbound-", ".eml");
    }
    fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 << 10);
    memory.writeTo(fileOut);
    memory = null;
  }

  @Override
  public void close() {
    memory = null;
    if (file != null) {
      try {
        fileOut.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
