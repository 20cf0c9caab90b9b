package eu.sovereignmail.gateway.dkim;

import eu.sovereignmail.gateway.delivery.MessageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Signs outgoing mail (RFC 6376, relaxed/relaxed) with the active key of the {@code From:} domain (or of its nearest
 * parent domain with a key, which still aligns for DMARC's relaxed mode). Canonicalization and hashing are Apache
 * jDKIM's; Ed25519 goes through {@link Ed25519Sha256}. Mail whose From: domain has no key leaves unsigned.
 */
public final class DkimSigner {
  /** The fields signed when present (RFC 6376 5.4.1's recommendation); From is always there. */
  static final List<String> SIGNED_FIELDS = List.of("from", "reply-to", "subject", "date", "to", "cc", "message-id",
      "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding", "list-id",
      "list-unsubscribe");

  private final DkimKeyStore keys;
  private final Clock clock;

  public DkimSigner(DkimKeyStore keys, Clock clock) {
    Ed25519Sha256.install();
    this.keys = keys;
    this.clock = clock;
  }

  /** The {@code DKIM-Signature} field (folded, ending in CRLF) to prepend, or empty when no key signs this From:. */
  public Optional<byte[]> sign(MessageSource message) throws IOException {
    Header header;
    try (InputStream in = message.open()) {
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
      header = builder.parseHeader(in);
    } catch (org.apache.james.mime4j.MimeIOException e) {
      return Optional.empty();
    }
    Optional<DkimKey> key = keyFor(fromDomain(header));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Set<String> present = new LinkedHashSet<>();
    for (Field field : header.getFields()) {
      present.add(field.getName().toLowerCase(Locale.ROOT));
    }
    List<String> signed = SIGNED_FIELDS.stream().filter(present::contains).toList();
    DkimKey k = key.get();
    String template = "v=1; a=" + k.algorithm().tag() + "; c=relaxed/relaxed; d=" + k.domain() + "; s=" + k.selector()
        + "; t=" + clock.instant().getEpochSecond() + "; h=" + String.join(":", signed) + "; bh=; b=;";
    String field;
    try (InputStream in = message.open()) {
      field = new org.apache.james.jdkim.DKIMSigner(template, k.keys().getPrivate()).sign(in);
    } catch (FailException e) {
      throw new IOException("DKIM signing with " + k.dnsName() + " failed: " + e.getMessage(), e);
    }
    return Optional.of((fold(field) + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The key for {@code domain} or its nearest parent with one (not above the last two labels). */
  Optional<DkimKey> keyFor(Optional<String> domain) throws IOException {
    if (domain.isEmpty()) {
      return Optional.empty();
    }
    String name = domain.get();
    while (name.indexOf('.') > 0) {
      try {
        Optional<DkimKey> key = keys.active(name);
        if (key.isPresent()) {
          return key;
        }
      } catch (IllegalArgumentException notADnsName) {
        return Optional.empty();
      }
      name = name.substring(name.indexOf('.') + 1);
      if (name.indexOf('.') < 0) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fromDomain(Header header) {
    Field from = header.getField("From");
    if (from == null) {
      return Optional.empty();
    }
    try {
      List<Mailbox> mailboxes = new ArrayList<>(DefaultAddressParser.DEFAULT.parseAddressList(from.getBody()).flatten());
      return mailboxes.isEmpty() || mailboxes.getFirst().getDomain() == null ? Optional.empty()
          : Optional.of(mailboxes.getFirst().getDomain().toLowerCase(Locale.ROOT));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Folds at the {@code "; "} separators (whitespace that relaxed canonicalization ignores) to keep lines short. */
  static String fold(String field) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    for (String part : field.split("; ", -1)) {
      if (out.length() > 0) {
        out.append(';');
        if (out.length() - lineStart + part.length() + 1 > 76) {
          out.append("\r\n\t");
          lineStart = out.length() - 1;
        } else {
          out.append(' ');
        }
      }
      out.append(part);
    }
    return out.toString();
  }
}
