package eu.sovereignmail.gateway.dkim;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/** One DKIM key of a domain under one selector, and the DNS TXT record that publishes its public half. */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, KeyPair keys) {
  /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the raw 32 octets follow it. */
  static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  public DkimKey {
    domain = DkimKeyStore.checkedName("domain", domain).toLowerCase(Locale.ROOT);
    selector = DkimKeyStore.checkedName("selector", selector).toLowerCase(Locale.ROOT);
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keys, "keys");
  }

  /** Where the record goes: {@code <selector>._domainkey.<domain>}. */
  public String dnsName() {
    return selector + "._domainkey." + domain;
  }

  /** The TXT record's text: {@code v=DKIM1; k=rsa; p=…} (Ed25519: the raw 32-octet key, RFC 8463 4.2). */
  public String txtRecord() {
    byte[] encoded = keys.getPublic().getEncoded();
    byte[] p = algorithm == DkimAlgorithm.ED25519_SHA256
        ? Arrays.copyOfRange(encoded, ED25519_SPKI_PREFIX.length, encoded.length) : encoded;
    return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
  }

  /** The record as a zone-file line, split into 255-octet strings as DNS TXT requires. */
  public String zoneLine() {
    String text = txtRecord();
    StringBuilder out = new StringBuilder(dnsName()).append(". IN TXT (");
    for (int i = 0; i < text.length(); i += 255) {
      out.append(" \"").append(text, i, Math.min(text.length(), i + 255)).append('"');
    }
    return out.append(" )").toString();
  }

  @Override
  public String toString() {
    return "DkimKey[" + dnsName() + ", " + algorithm + "]";
  }
}
