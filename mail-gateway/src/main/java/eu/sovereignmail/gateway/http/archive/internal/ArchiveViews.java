package eu.sovereignmail.gateway.http.archive.internal;

import eu.sovereignmail.archive.message.HeaderField;
import eu.sovereignmail.archive.message.Mailbox;
import eu.sovereignmail.archive.message.MessagePart;
import eu.sovereignmail.archive.search.JournalCopy;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of {@code /api/archive} (times as ISO-8601 UTC strings), kept apart from the archive's records. */
public final class ArchiveViews {
  private ArchiveViews() {}

  public record Address(String address, String displayName) {}

  public record Hit(long id, String messageId, String date, Address from, List<Address> to, List<Address> cc,
      List<String> envelopeRecipients, boolean envelopeVisible, String subject, long size, List<String> directions,
      boolean hasAttachments, boolean malformed, int copies, List<String> snippets) {}

  /** {@code totalExact} false: {@code total} is a lower bound (a broad query counted up to the search's threshold). */
  public record Results(String query, long total, int page, int size, String sort, List<Hit> hits,
      boolean totalExact) {}

  public record Part(int ordinal, String mediaType, String charset, String disposition, String fileName, long size,
      String sha256, boolean attachment, String download) {}

  public record Copy(long sequence, String spoolRecordId, String blobSha256, String mailFrom, List<String> recipients,
      String direction, String clientIp, String authenticatedUser, String gatewayNode, String receivedAt) {}

  public record Message(Hit summary, List<HeaderField> headers, List<Part> parts, String bodyText, List<String> problems,
      boolean envelopeVisible, List<Copy> copies, String raw) {}

  public static Results results(SearchResult result) {
    return new Results(result.query(), result.total(), result.page(), result.pageSize(),
        result.sort().name().toLowerCase(Locale.ROOT), result.hits().stream().map(ArchiveViews::hit).toList(),
        result.totalExact());
  }

  public static Hit hit(SearchHit hit) {
    return new Hit(hit.id(), hit.messageId(), time(hit.date()), address(hit.from()), addresses(hit.to()),
        addresses(hit.cc()), hit.envelopeRecipients(), hit.envelopeVisible(), hit.subject(), hit.size(),
        hit.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).sorted().toList(), hit.hasAttachments(),
        hit.malformed(), hit.copies(), hit.snippets());
  }

  /** The message as JSON; {@code base} is the message's own API path, for the download links. */
  public static Message message(MessageDetail detail, String base) {
    return new Message(hit(detail.summary()), detail.headers(),
        detail.parts().stream().map(p -> part(p, base)).toList(), detail.bodyText(), detail.problems(),
        detail.envelopeVisible(), detail.copies().stream().map(ArchiveViews::copy).toList(), base + "/raw");
  }

  private static Part part(MessagePart p, String base) {
    return new Part(p.ordinal(), p.mediaType(), p.charset(), p.disposition(), p.fileName(), p.size(), p.sha256(),
        p.attachment(), base + "/attachments/" + p.ordinal());
  }

  private static Copy copy(JournalCopy c) {
    return new Copy(c.sequence(), c.spoolRecordId(), c.blobSha256(), c.mailFrom(), c.recipients(),
        c.direction() == null ? null : c.direction().name().toLowerCase(Locale.ROOT), c.clientIp(),
        c.authenticatedUser(), c.gatewayNode(), time(c.receivedAt()));
  }

  private static Address address(Mailbox mailbox) {
    return mailbox == null ? null : new Address(mailbox.address(), mailbox.displayName());
  }

  private static List<Address> addresses(List<Mailbox> mailboxes) {
    return mailboxes.stream().map(ArchiveViews::address).toList();
  }

  private static String time(Instant at) {
    return at == null ? null : at.toString();
  }
}
