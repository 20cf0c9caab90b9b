package eu.sovereignmail.gateway.http.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The file that holds the local admin token (one line, 32 random bytes base64url, mode 600): the gateway creates it at
 * first start; the CLI on the same host reads it, so {@code sovereign-mail queue list} works without a login.
 */
public final class AdminTokenFile {
  /** The file's name in the gateway's data directory. */
  public static final String FILE_NAME = "admin.token";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private AdminTokenFile() {}

  /** Reads the token in {@code file}, creating the file with a fresh token (owner-only) when it does not exist. */
  public static AdminToken loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return read(file);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Files.write(create(file), (token + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException raced) {
      return read(file);
    }
    return new AdminToken(token);
  }

  /** Reads the token in {@code file}; fails when it is missing or empty. */
  public static AdminToken read(Path file) throws IOException {
    String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (token.isEmpty()) {
      throw new IOException("admin token file " + file + " is empty");
    }
    return new AdminToken(token);
  }

  private static Path create(Path file) throws IOException {
    FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    try {
      return Files.createFile(file, mode);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(file);
    }
  }
}
