package eu.sovereignmail.archive.blob;

import eu.sovereignmail.archive.blob.internal.AtomicFileWrite;
import eu.sovereignmail.archive.blob.internal.Sealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default blob store: sealed blobs as files under a root directory, fanned out by hash prefix
 * ({@code ab/cd/abcd…}) so no directory grows huge. Each blob is written to {@code tmp/}, fsynced,
 * renamed into place atomically and its directory fsynced, so a blob is either absent or complete.
 */
public final class FileBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{64}");

  private final Path root;
  private final Path tmp;
  private final Sealer sealer;

  private FileBlobStore(Path root, Sealer sealer) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.sealer = sealer;
  }

  /** Opens (creating if needed) the store under {@code root}; removes temporary files a crash left behind. */
  public static FileBlobStore open(Path root, KeyRing keys) throws IOException {
    Path absolute = root.toAbsolutePath();
    FileBlobStore store = new FileBlobStore(absolute, new Sealer(keys));
    AtomicFileWrite.createDirectories(store.tmp);
    try (Stream<Path> leftovers = Files.list(store.tmp)) {
      for (Path leftover : leftovers.toList()) {
        Files.deleteIfExists(leftover);
        LOG.info("event=blob.tmp_removed file={}", leftover.getFileName());
      }
    }
    LOG.info("event=blob.store_open dir={} active_key={}", absolute, keys.activeKeyId());
    return store;
  }

  @Override
  public BlobId put(byte[] raw) throws IOException {
    BlobId id = BlobId.of(raw);
    Path target = pathOf(id);
    if (Files.exists(target)) {
      LOG.debug("event=blob.dedup id={}", id);
      return id;
    }
    byte[] sealed = sealer.seal(id, raw);
    AtomicFileWrite.createDirectories(target.getParent());
    AtomicFileWrite.write(tmp, target, sealed);
    LOG.debug("event=blob.put id={} raw_bytes={} stored_bytes={}", id, raw.length, sealed.length);
    return id;
  }

  @Override
  public byte[] get(BlobId id) throws IOException {
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(pathOf(id));
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(id);
    }
    return sealer.open(id, sealed);
  }

  @Override
  public boolean exists(BlobId id) {
    return Files.isRegularFile(pathOf(id));
  }

  /** Unlinks the blob's file, then fsyncs its directory so the removal survives a crash. */
  @Override
  public boolean delete(BlobId id) throws IOException {
    Path target = pathOf(id);
    boolean deleted = Files.deleteIfExists(target);
    if (deleted) {
      AtomicFileWrite.syncDirectory(target.getParent());
    }
    LOG.info("event=blob.delete id={} deleted={}", id, deleted);
    return deleted;
  }

  @Override
  public Stream<BlobId> ids() throws IOException {
    return Files.walk(root, 3)
        .filter(path -> path.getNameCount() == root.getNameCount() + 3)
        .filter(path -> BLOB_NAME.matcher(path.getFileName().toString()).matches())
        .filter(Files::isRegularFile)
        .map(path -> new BlobId(path.getFileName().toString()));
  }

  @Override
  public BlobUsage usage() throws IOException {
    long count = 0;
    long bytes = 0;
    try (Stream<BlobId> ids = ids()) {
      for (BlobId id : (Iterable<BlobId>) ids::iterator) {
        try {
          bytes += Files.size(pathOf(id));
          count++;
        } catch (NoSuchFileException removedMeanwhile) {
          // not there any more: not counted
        }
      }
    }
    return new BlobUsage(count, bytes);
  }

  /** The file that holds (or will hold) {@code id}. */
  public Path pathOf(BlobId id) {
    String hex = id.hex();
    return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  @Override
  public String toString() {
    return "FileBlobStore[" + root + "]";
  }
}
