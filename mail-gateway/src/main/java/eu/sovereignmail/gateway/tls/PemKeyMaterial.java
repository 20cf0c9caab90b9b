package eu.sovereignmail.gateway.tls;

import eu.sovereignmail.gateway.tls.internal.KeyPairCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * An operator's certificate as certbot/Let's Encrypt or any CA leaves it: a PEM chain (leaf first, e.g.
 * {@code fullchain.pem}) and an unencrypted PEM private key ({@code PRIVATE KEY} PKCS#8, {@code RSA PRIVATE KEY}
 * PKCS#1 or {@code EC PRIVATE KEY} SEC1).
 */
public record PemKeyMaterial(Path certificateChain, Path privateKey) implements KeyMaterial {
  public PemKeyMaterial {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public List<Path> files() {
    return List.of(certificateChain, privateKey);
  }

  @Override
  public ServerCredentials read() throws IOException, GeneralSecurityException {
    return KeyPairCheck.checked(readKey(), readChain(), certificateChain + " and " + privateKey);
  }

  private List<X509Certificate> readChain() throws IOException, GeneralSecurityException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(certificateChain, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(reader)) {
      for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    }
    if (chain.isEmpty()) {
      throw new IOException("no PEM certificate in " + certificateChain);
    }
    return chain;
  }

  private PrivateKey readKey() throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader reader = Files.newBufferedReader(privateKey, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(reader)) {
      for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
        switch (item) {
          case PrivateKeyInfo pkcs8 -> {
            return converter.getPrivateKey(pkcs8);
          }
          case PEMKeyPair traditional -> {
            return converter.getPrivateKey(traditional.getPrivateKeyInfo()); // SEC1 keys may omit the public key
          }
          case PEMEncryptedKeyPair encrypted -> throw encrypted();
          case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encrypted();
          default -> {
            // EC PARAMETERS blocks (openssl ecparam) and anything else ahead of the key
          }
        }
      }
    }
    throw new IOException("no PEM private key in " + privateKey);
  }

  private IOException encrypted() {
    return new IOException("the private key in " + privateKey + " is encrypted; give an unencrypted key (mode 600)");
  }
}
