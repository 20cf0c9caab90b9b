package eu.sovereignmail.gateway.tls.internal;

import eu.sovereignmail.gateway.tls.ServerCredentials;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Proves that a private key belongs to the leaf certificate (sign, then verify with the certificate's key), so a
 * renewal caught between writing the new certificate and the new key is refused instead of served.
 */
public final class KeyPairCheck {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairCheck() {}

  public static ServerCredentials checked(PrivateKey key, List<X509Certificate> chain, String source)
      throws GeneralSecurityException {
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + source);
    }
    X509Certificate leaf = chain.get(0);
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new InvalidKeyException("unsupported key algorithm " + key.getAlgorithm() + " in " + source);
    };
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    try {
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(challenge);
      if (verifier.verify(signature)) {
        return new ServerCredentials(key, chain);
      }
    } catch (InvalidKeyException | java.security.SignatureException mismatch) {
      // a key of another type than the certificate's: the same answer as a wrong key
    }
    throw new InvalidKeyException("the private key does not match the certificate in " + source);
  }
}
