package eu.sovereignmail.identity.apppassword.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) hashes of app-password secrets in the PHC string format
 * ({@code $argon2id$v=19$m=2048,t=2,p=1$<salt>$<hash>}, unpadded base64), so that stored hashes carry their own
 * parameters and the defaults can be raised without invalidating existing passwords.
 *
 * <p>Defaults: memory 2 MiB, 2 passes, 1 lane, 16-byte salt, 32-byte output. The secrets are 79-bit random strings, so
 * the hash cost is not what stops guessing (2^78 trials on average); it only has to make a stolen table useless for
 * bulk checks, while one login costs a few milliseconds of one core. Verification runs once per stored password of the
 * login, newest use first.
 */
public final class Argon2id {
  public static final int DEFAULT_MEMORY_KIB = 2048;
  public static final int DEFAULT_ITERATIONS = 2;
  public static final int DEFAULT_PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  /** Bounds on parameters read back from storage: a corrupted row must not make one check take minutes. */
  private static final int MAX_MEMORY_KIB = 256 * 1024;
  private static final int MAX_ITERATIONS = 16;
  private static final int MAX_PARALLELISM = 8;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;

  public Argon2id(int memoryKib, int iterations, int parallelism) {
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("argon2 memory must be between 8*parallelism and " + MAX_MEMORY_KIB + " KiB");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS || parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("argon2 iterations must be 1.." + MAX_ITERATIONS + ", parallelism 1.." + MAX_PARALLELISM);
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public static Argon2id defaults() {
    return new Argon2id(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
  }

  /** A new PHC string for {@code secret} with a fresh random salt. */
  public String hash(String secret) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(secret, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code secret} is the one {@code phc} was made from (constant-time comparison); false for a malformed string. */
  public static boolean verify(String secret, String phc) {
    Optional<Parsed> parsed = parse(phc);
    if (parsed.isEmpty()) {
      return false;
    }
    Parsed p = parsed.get();
    byte[] candidate = derive(secret, p.salt(), p.memoryKib(), p.iterations(), p.parallelism(), p.hash().length);
    return MessageDigest.isEqual(candidate, p.hash());
  }

  private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {}

  private static Optional<Parsed> parse(String phc) {
    if (phc == null) {
      return Optional.empty();
    }
    String[] parts = phc.split("\\$", -1);
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
      return Optional.empty();
    }
    try {
      int m = -1;
      int t = -1;
      int p = -1;
      for (String param : parts[3].split(",")) {
        String[] kv = param.split("=", 2);
        int value = Integer.parseInt(kv[1]);
        switch (kv[0]) {
          case "m" -> m = value;
          case "t" -> t = value;
          case "p" -> p = value;
          default -> {
            return Optional.empty();
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] hash = B64D.decode(parts[5]);
      if (p < 1 || p > MAX_PARALLELISM || m < 8 * p || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS
          || salt.length < 8 || hash.length < 16) {
        return Optional.empty();
      }
      return Optional.of(new Parsed(m, t, p, salt, hash));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static byte[] derive(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build());
    byte[] out = new byte[length];
    generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
