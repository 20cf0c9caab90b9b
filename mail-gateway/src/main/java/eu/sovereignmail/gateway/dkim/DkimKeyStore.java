package eu.sovereignmail.gateway.dkim;

import eu.sovereignmail.gateway.dkim.internal.KeyFiles;
import eu.sovereignmail.gateway.tls.internal.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DKIM keys on disk, one directory per domain ({@code <dir>/<domain>/}, mode 700): {@code <selector>.key} (PKCS#8
 * PEM, mode 600), {@code <selector>.pub} (SPKI PEM), {@code active} (the selector that signs) and, during a
 * rotation, {@code next} (the selector whose record is being published). Rotation uses two selectors: the new key
 * is made under the other selector, its TXT record published, then it becomes active while the old record stays
 * in DNS until mail signed with it has been delivered.
 */
public final class DkimKeyStore {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final Path dir;

  public DkimKeyStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Makes a key under {@code selector}; it becomes active when the domain has none yet, else it is {@code next}. */
  public DkimKey generate(String domain, String selector, DkimAlgorithm algorithm) throws IOException {
    DkimKey key = new DkimKey(domain, selector, algorithm, newKeyPair(algorithm));
    Path domainDir = domainDir(key.domain());
    if (Files.exists(domainDir.resolve(key.selector() + ".key"))) {
      throw new IllegalArgumentException("a key for selector " + key.selector() + " of " + key.domain() + " exists already");
    }
    createPrivateDir(domainDir);
    PrivateFiles.write(domainDir.resolve(key.selector() + ".key"), KeyFiles.privatePem(key.keys().getPrivate()));
    Files.write(domainDir.resolve(key.selector() + ".pub"), KeyFiles.publicPem(key.keys().getPublic()));
    boolean first = pointer(key.domain(), "active").isEmpty();
    setPointer(key.domain(), first ? "active" : "next", key.selector());
    return key;
  }

  /** The key that signs for {@code domain} now. */
  public Optional<DkimKey> active(String domain) throws IOException {
    Optional<String> selector = pointer(domain.toLowerCase(Locale.ROOT), "active");
    return selector.isEmpty() ? Optional.empty() : Optional.of(load(domain, selector.get()));
  }

  /** The key being published during a rotation. */
  public Optional<DkimKey> next(String domain) throws IOException {
    Optional<String> selector = pointer(domain.toLowerCase(Locale.ROOT), "next");
    return selector.isEmpty() ? Optional.empty() : Optional.of(load(domain, selector.get()));
  }

  /**
   * One rotation step. Without a {@code next} key: makes one under the other selector ({@code newSelector}, or the
   * active one with its trailing digit 1↔2) with the active key's algorithm and returns it (publish its record).
   * With one: makes it active and returns it (the old selector's record stays in DNS for a while).
   */
  public Rotation rotate(String domain, String newSelector) throws IOException {
    String name = domain.toLowerCase(Locale.ROOT);
    DkimKey current = active(name).orElseThrow(() -> new IllegalArgumentException("no DKIM key for " + name + ": run dkim keygen first"));
    Optional<DkimKey> pending = next(name);
    if (pending.isPresent()) {
      setPointer(name, "active", pending.get().selector());
      Files.deleteIfExists(domainDir(name).resolve("next"));
      return new Rotation(Rotation.Step.ACTIVATED, pending.get(), current);
    }
    String selector = newSelector != null ? newSelector : otherSelector(current.selector());
    Path old = domainDir(name).resolve(selector.toLowerCase(Locale.ROOT) + ".key");
    if (Files.exists(old) && !selector.equalsIgnoreCase(current.selector())) {
      Files.delete(old);
      Files.deleteIfExists(domainDir(name).resolve(selector.toLowerCase(Locale.ROOT) + ".pub"));
    }
    DkimKey made = generate(name, selector, current.algorithm());
    return new Rotation(Rotation.Step.PUBLISH, made, current);
  }

  /** What {@link #rotate} did: made {@code key} to publish, or made it active (replacing {@code previous}). */
  public record Rotation(Step step, DkimKey key, DkimKey previous) {
    /** The two halves of a rotation. */
    public enum Step { PUBLISH, ACTIVATED }
  }

  static String otherSelector(String selector) {
    if (selector.endsWith("1")) {
      return selector.substring(0, selector.length() - 1) + "2";
    }
    if (selector.endsWith("2")) {
      return selector.substring(0, selector.length() - 1) + "1";
    }
    return selector + "2";
  }

  private DkimKey load(String domain, String selector) throws IOException {
    Path domainDir = domainDir(domain.toLowerCase(Locale.ROOT));
    try {
      KeyPair pair = KeyFiles.read(Files.readAllBytes(domainDir.resolve(selector + ".key")),
          Files.readAllBytes(domainDir.resolve(selector + ".pub")));
      DkimAlgorithm algorithm = pair.getPublic().getAlgorithm().equals("RSA") ? DkimAlgorithm.RSA_SHA256 : DkimAlgorithm.ED25519_SHA256;
      return new DkimKey(domain, selector, algorithm, pair);
    } catch (GeneralSecurityException e) {
      throw new IOException("DKIM key " + selector + " of " + domain + " cannot be read: " + e.getMessage(), e);
    }
  }

  private Optional<String> pointer(String domain, String name) throws IOException {
    Path file = domainDir(domain).resolve(name);
    return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()) : Optional.empty();
  }

  private void setPointer(String domain, String name, String selector) throws IOException {
    Path file = domainDir(domain).resolve(name);
    Path temp = file.resolveSibling(name + ".tmp");
    Files.writeString(temp, selector + "\n", StandardCharsets.US_ASCII);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private Path domainDir(String domain) {
    return dir.resolve(checkedName("domain", domain).toLowerCase(Locale.ROOT));
  }

  private static void createPrivateDir(Path path) throws IOException {
    for (Path p : new Path[] {path.getParent(), path}) {
      if (!Files.exists(p)) {
        Files.createDirectories(p);
        try {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the operator protects the directory
        }
      }
    }
  }

  private static KeyPair newKeyPair(DkimAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jca());
      if (algorithm == DkimAlgorithm.RSA_SHA256) {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make " + algorithm + " keys", e);
    }
  }

  /** A domain (labels) or selector (one or more labels): lower-case letters, digits, '-' and dots; no path tricks. */
  static String checkedName(String what, String value) {
    if (value == null || value.length() > 253) {
      throw new IllegalArgumentException(what + " is required (at most 253 characters)");
    }
    for (String label : value.toLowerCase(Locale.ROOT).split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(what + " is not a DNS name: " + value);
      }
    }
    return value;
  }
}
