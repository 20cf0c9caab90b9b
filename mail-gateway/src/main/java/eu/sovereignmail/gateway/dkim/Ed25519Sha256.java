package eu.sovereignmail.gateway.dkim;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;

/**
 * Teaches the JCA the signature DKIM's ed25519-sha256 needs (RFC 8463 3: Ed25519 over the SHA-256 of the header
 * hash input), as {@code SHA256withED25519}: Apache jDKIM 0.5 only knows RSA, but it asks the JCA for
 * {@code <hash>with<keytype>}, so with this provider installed its signer and verifier handle Ed25519 keys with the
 * JDK's own Ed25519, and jDKIM keeps doing all canonicalization.
 */
public final class Ed25519Sha256 {
  public static final String ALGORITHM = "SHA256withED25519";
  private static final String PROVIDER = "SovereignMailDkim";

  private Ed25519Sha256() {}

  /** Installs the provider once per JVM (idempotent). */
  public static synchronized void install() {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new DkimProvider());
    }
  }

  private static final class DkimProvider extends Provider {
    DkimProvider() {
      super(PROVIDER, "1.0", "Ed25519 with SHA-256 pre-hash for DKIM (RFC 8463)");
      putService(new Service(this, "Signature", ALGORITHM, Spi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) {
          return new Spi();
        }
      });
    }
  }

  /** SHA-256 over everything updated, then Ed25519 over that digest. */
  static final class Spi extends SignatureSpi {
    private final MessageDigest sha256;
    private Signature ed25519;

    Spi() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      ed25519 = ed25519();
      ed25519.initVerify(publicKey);
      sha256.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      ed25519 = ed25519();
      ed25519.initSign(privateKey);
      sha256.reset();
    }

    @Override
    protected void engineUpdate(byte b) {
      sha256.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
      sha256.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
      ed25519.update(sha256.digest());
      return ed25519.sign();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
      ed25519.update(sha256.digest());
      return ed25519.verify(sigBytes);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new InvalidParameterException("no parameters");
    }

    private static Signature ed25519() {
      try {
        return Signature.getInstance("Ed25519");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no Ed25519", e);
      }
    }
  }
}
