package eu.sovereignmail.gateway.authres;

import eu.sovereignmail.gateway.dkim.Ed25519Sha256;
import eu.sovereignmail.gateway.outbound.DnsAnswer;
import eu.sovereignmail.gateway.outbound.DnsClient;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DKIM verification (RFC 6376) with Apache jDKIM, key records fetched by the gateway's DNS client: a DNS failure is
 * {@code temperror}, never {@code fail}. Ed25519 signatures (RFC 8463) verify through {@link Ed25519Sha256}, with
 * the raw 32-octet key of {@code k=ed25519} records turned into a JDK key.
 */
public final class DkimCheck {
  private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final DnsClient dns;

  public DkimCheck(DnsClient dns) {
    Ed25519Sha256.install();
    this.dns = dns;
  }

  /** One result per DKIM-Signature field of {@code message}, or a single {@code none}. */
  public List<DkimResult> verify(InputStream message) throws IOException {
    DKIMVerifier verifier = new Verifier(this::records);
    try {
      verifier.verify(message);
    } catch (FailException e) {
      // every signature failed: the per-signature results say how
    }
    List<Result> results = verifier.getResults();
    if (results == null || results.isEmpty()) {
      return List.of(DkimResult.none());
    }
    List<DkimResult> out = new ArrayList<>();
    for (Result result : results) {
      SignatureRecord record = result.getRecord();
      String verdict = switch (result.getResultType()) {
        case PASS -> "pass";
        case FAIL -> "fail";
        case TEMPERROR -> "temperror";
        case PERMERROR -> "permerror";
        case POLICY -> "policy";
        case NONE -> "none";
        default -> "neutral";
      };
      String domain = record == null || record.getDToken() == null ? null : record.getDToken().toString().toLowerCase(Locale.ROOT);
      String selector = record == null || record.getSelector() == null ? null : record.getSelector().toString();
      String b = null;
      if (record != null && record.getSignature() != null) {
        String full = Base64.getEncoder().encodeToString(record.getSignature());
        b = full.substring(0, Math.min(8, full.length()));
      }
      out.add(new DkimResult(verdict, domain, selector, b, result.getErrorMessage()));
    }
    return out;
  }

  private List<String> records(CharSequence methodAndOptions, CharSequence selector, CharSequence domain)
      throws TempFailException, PermFailException {
    String name = selector + "._domainkey." + domain;
    DnsAnswer answer = dns.query(name, Type.TXT);
    if (answer.temporary()) {
      throw new TempFailException("key record lookup failed: " + answer.error());
    }
    if (!answer.found()) {
      throw new PermFailException("no key record at " + name);
    }
    return answer.typed(TXTRecord.class).stream().map(r -> String.join("", r.getStrings())).toList();
  }

  /** jDKIM's verifier with a key record that also reads raw Ed25519 keys. */
  private static final class Verifier extends DKIMVerifier {
    Verifier(PublicKeyRecordRetriever retriever) {
      super(retriever);
    }

    @Override
    protected PublicKeyRecord newPublicKeyRecord(String record) {
      return new PublicKeyRecordImpl(record) {
        @Override
        public PublicKey getPublicKey() {
          CharSequence k = getValue("k");
          if (k == null || !k.toString().equalsIgnoreCase("ed25519")) {
            return super.getPublicKey();
          }
          try {
            byte[] raw = Base64.getDecoder().decode(getValue("p").toString().replaceAll("\\s", ""));
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
          } catch (Exception e) {
            throw new IllegalStateException("Invalid Ed25519 key: " + e.getMessage());
          }
        }
      };
    }
  }
}
