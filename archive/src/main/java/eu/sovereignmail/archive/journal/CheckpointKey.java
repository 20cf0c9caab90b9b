package eu.sovereignmail.archive.journal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.internal.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 key that signs journal checkpoints: kept in a file next to the archive key file (mode
 * 600), never in the database, so whoever can rewrite the database still cannot forge a checkpoint. Its
 * public half can be exported (PEM) for auditors, who verify with it alone. {@code toString} shows the key id only.
 *
 * <p>File format: {@code key-id=<16 hex>}, {@code private=<base64 PKCS#8>}, {@code public=<base64 X.509>};
 * lines starting with {@code #} are comments.
 */
public final class CheckpointKey {
  private static final String ALGORITHM = "Ed25519";

  private final String keyId;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;

  private CheckpointKey(PublicKey publicKey, PrivateKey privateKey) {
    this.keyId = keyIdOf(publicKey);
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** Loads the key file at {@code file}, creating it with a fresh key pair (mode 600) when it does not exist. */
  public static CheckpointKey loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      KeyPair pair = generate();
      String text = "# Sovereign Mail archive checkpoint signing key (Ed25519). Keep secret and backed up;"
          + " publish the public key.\n"
          + "key-id=" + keyIdOf(pair.getPublic()) + "\n"
          + "private=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
          + "public=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
      OwnerOnlyFile.write(file, text.getBytes(StandardCharsets.US_ASCII));
    }
    return fromFile(file);
  }

  /** Loads the key file at {@code file}; refuses one that group or others may access. */
  public static CheckpointKey fromFile(Path file) throws IOException {
    OwnerOnlyFile.require(file, "checkpoint key file");
    Map<String, String> entries = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      String stripped = line.strip();
      int eq = stripped.indexOf('=');
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (eq < 0) {
        throw new IllegalArgumentException("checkpoint key file " + file + ": a line has no '='");
      }
      entries.put(stripped.substring(0, eq).strip(), stripped.substring(eq + 1).strip());
    }
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(entries, "private", file)));
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(entries, "public", file)));
      CheckpointKey key = new CheckpointKey(publicKey, privateKey);
      if (!key.verify("probe".getBytes(StandardCharsets.US_ASCII), key.sign("probe".getBytes(StandardCharsets.US_ASCII)))) {
        throw new IllegalArgumentException("checkpoint key file " + file + ": its public key does not match its private key");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("checkpoint key file " + file + " does not hold an Ed25519 key pair: " + e.getMessage());
    }
  }

  /** A verify-only key from a PEM {@code PUBLIC KEY} block (what {@link #publicKeyPem()} exports). */
  public static CheckpointKey fromPublicKeyPem(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return new CheckpointKey(publicKeyOf(Base64.getDecoder().decode(body)), null);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM Ed25519 public key: " + e.getMessage());
    }
  }

  /** The public key whose X.509 (SubjectPublicKeyInfo) encoding is {@code encoded}. */
  public static PublicKey publicKeyOf(byte[] encoded) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
  }

  /** The key id of {@code publicKey}: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
  public static String keyIdOf(PublicKey publicKey) {
    return BlobId.of(publicKey.getEncoded()).hex().substring(0, 16);
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** Whether this key can sign (a key read from an exported public key cannot). */
  public boolean canSign() {
    return privateKey != null;
  }

  /** The Ed25519 signature of {@code payload}. */
  public byte[] sign(byte[] payload) {
    if (privateKey == null) {
      throw new IllegalStateException("checkpoint key " + keyId + " is a public key only: it cannot sign");
    }
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signature} is this key's signature of {@code payload}. */
  public boolean verify(byte[] payload, byte[] signature) {
    return verify(publicKey, payload, signature);
  }

  /** Whether {@code signature} is {@code publicKey}'s Ed25519 signature of {@code payload}. */
  public static boolean verify(PublicKey publicKey, byte[] payload, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is not a valid one
    }
  }

  /** The public key as a PEM {@code PUBLIC KEY} block, for auditors. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Override
  public String toString() {
    return "CheckpointKey[" + keyId + (privateKey == null ? ", public only" : "") + "]";
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  private static byte[] decode(Map<String, String> entries, String name, Path file) {
    String value = Optional.ofNullable(entries.get(name)).orElseThrow(() ->
        new IllegalArgumentException("checkpoint key file " + file + " has no " + name + "= line"));
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint key file " + file + ": " + name + " is not valid base64");
    }
  }
}
