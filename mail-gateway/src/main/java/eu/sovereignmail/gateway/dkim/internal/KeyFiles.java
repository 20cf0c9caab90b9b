package eu.sovereignmail.gateway.dkim.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM text for DKIM keys: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (SPKI), the forms openssl reads. */
public final class KeyFiles {
  private KeyFiles() {}

  public static byte[] privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static byte[] publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** The pair from the two PEM files; the algorithm (RSA or Ed25519) is the public key's. */
  public static KeyPair read(byte[] privatePem, byte[] publicPem) throws GeneralSecurityException {
    byte[] spki = der(publicPem, "PUBLIC KEY");
    byte[] pkcs8 = der(privatePem, "PRIVATE KEY");
    for (String algorithm : new String[] {"RSA", "Ed25519"}) {
      try {
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(spki));
        return new KeyPair(publicKey, factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
      } catch (GeneralSecurityException e) {
        // try the other algorithm
      }
    }
    throw new GeneralSecurityException("neither an RSA nor an Ed25519 key");
  }

  private static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] der(byte[] pem, String type) throws GeneralSecurityException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN " + type + "-----");
    int end = text.indexOf("-----END " + type + "-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("no " + type + " PEM block");
    }
    String body = text.substring(begin + type.length() + 16, end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
