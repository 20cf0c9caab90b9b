package eu.sovereignmail.archive.message.internal;

import eu.sovereignmail.archive.message.HeaderField;
import eu.sovereignmail.archive.message.Mailbox;
import eu.sovereignmail.archive.message.MessagePart;
import eu.sovereignmail.archive.message.ParseLimits;
import eu.sovereignmail.archive.message.ParsedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * The mime4j event handler that turns one message's stream of headers and decoded bodies into a
 * {@link ParsedMessage}: top-level header fields, every leaf part hashed and sized, body text from
 * text/plain and text/html, attachment text within the limits. Never throws for bad content.
 */
public final class PartCollector extends AbstractContentHandler {
  private static final int MAX_HEADERS = 1_000;
  private static final int MAX_HEADER_VALUE = 8_192;
  private static final int MAX_PROBLEMS = 25;
  /** Attachment types whose text is the content itself. */
  private static final Set<String> PLAIN_TEXT_ATTACHMENTS = Set.of("text/plain", "text/csv",
      "text/tab-separated-values", "text/markdown");
  private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>(),;:\"\\[\\]]+@[^\\s<>(),;:\"\\[\\]]+");

  private final ParseLimits limits;
  private final long textDeadlineNanos;
  private final List<String> problems = new ArrayList<>();
  private final List<HeaderField> headers = new ArrayList<>();
  private final List<MessagePart> parts = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();
  private final StringBuilder attachmentText = new StringBuilder();
  private boolean malformed;
  private int headerBlocks;
  private boolean inTopHeader;
  private int skippedParts;
  private String messageId;
  private Instant date;
  private List<Mailbox> from = List.of();
  private List<Mailbox> sender = List.of();
  private List<Mailbox> to = new ArrayList<>();
  private List<Mailbox> cc = new ArrayList<>();
  private String subject = "";

  public PartCollector(ParseLimits limits) {
    this.limits = limits;
    // Attachment text for the whole message gets a few single-attachment allowances, not one per part.
    this.textDeadlineNanos = System.nanoTime() + 3 * limits.attachmentTextTimeout().toNanos();
  }

  /** A MIME-level problem (from mime4j's monitor or a header that does not parse): the message is malformed. */
  public void malformed(String problem) {
    malformed = true;
    note(problem);
  }

  private void note(String problem) {
    if (problems.size() < MAX_PROBLEMS && !problems.contains(problem)) {
      problems.add(problem);
    }
  }

  /** The message as collected so far (complete after the parser returns, partial after it failed). */
  public ParsedMessage result() {
    if (skippedParts > 0) {
      note(skippedParts + " parts beyond the limit of " + limits.maxParts() + " were not recorded");
    }
    return new ParsedMessage(messageId, date, from.isEmpty() ? sender : from, to, cc, subject, headers, parts,
        body.toString().strip(), attachmentText.toString().strip(), malformed, problems);
  }

  @Override
  public void startHeader() {
    inTopHeader = headerBlocks++ == 0;
  }

  @Override
  public void endHeader() {
    inTopHeader = false;
  }

  @Override
  public void field(Field field) {
    if (!inTopHeader) {
      return;
    }
    String name = field.getName();
    String rawValue = unfold(field.getBody());
    if (headers.size() < MAX_HEADERS) {
      headers.add(new HeaderField(name, clip(decodeWords(rawValue), MAX_HEADER_VALUE)));
    } else if (headers.size() == MAX_HEADERS) {
      note("more than " + MAX_HEADERS + " header fields; the rest are not listed");
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "message-id" -> {
        if (messageId == null && !rawValue.isBlank()) {
          messageId = clip(rawValue.strip(), 998);
        }
      }
      case "date" -> {
        if (date == null) {
          date = parseDate(field, rawValue);
        }
      }
      case "from" -> {
        if (from.isEmpty()) {
          from = mailboxes(field, rawValue);
        }
      }
      case "sender" -> {
        if (sender.isEmpty()) {
          sender = mailboxes(field, rawValue);
        }
      }
      case "to" -> to.addAll(mailboxes(field, rawValue));
      case "cc" -> cc.addAll(mailboxes(field, rawValue));
      case "subject" -> {
        if (subject.isEmpty()) {
          subject = clip(decodeWords(rawValue).strip(), MAX_HEADER_VALUE);
        }
      }
      default -> { }
    }
  }

  @Override
  public void body(BodyDescriptor descriptor, InputStream stream) throws IOException {
    if (parts.size() >= limits.maxParts()) {
      skippedParts++;
      stream.transferTo(OutputSink.INSTANCE);
      return;
    }
    String mediaType = descriptor.getMimeType() == null ? "text/plain" : descriptor.getMimeType().toLowerCase(Locale.ROOT);
    String charset = descriptor.getCharset();
    String disposition = null;
    String fileName = null;
    if (descriptor instanceof MaximalBodyDescriptor full) {
      disposition = full.getContentDispositionType();
      fileName = full.getContentDispositionFilename();
      if (fileName == null) {
        Map<String, String> params = full.getContentTypeParameters();
        fileName = params == null ? null : params.get("name");
      }
    }
    if (fileName != null) {
      fileName = clip(decodeWords(fileName).strip(), 512);
      if (fileName.isEmpty()) {
        fileName = null;
      }
    }
    boolean textBody = (mediaType.equals("text/plain") || mediaType.equals("text/html"))
        && fileName == null && !"attachment".equalsIgnoreCase(disposition);
    long keep = textBody ? 4L * limits.maxBodyChars() + 4 : limits.maxAttachmentBytesForText();
    Drained drained = drain(stream, keep);
    parts.add(new MessagePart(parts.size() + 1, mediaType, charset, disposition == null ? null
        : disposition.toLowerCase(Locale.ROOT), fileName, drained.size, drained.sha256, !textBody));
    if (textBody) {
      appendBody(mediaType, charset, drained);
    } else {
      appendAttachmentText(fileName, mediaType, charset, drained);
    }
  }

  private void appendBody(String mediaType, String charset, Drained drained) {
    int room = limits.maxBodyChars() - body.length();
    if (room <= 0) {
      if (drained.size > 0) {
        note("body text cut at " + limits.maxBodyChars() + " characters");
      }
      return;
    }
    String text = decodeText(drained.kept, charset);
    if (mediaType.equals("text/html")) {
      text = HtmlText.toText(text, room);
    }
    if (body.length() > 0) {
      body.append("\n\n");
    }
    if (text.length() > room || drained.truncated) {
      note("body text cut at " + limits.maxBodyChars() + " characters");
    }
    body.append(text, 0, Math.min(text.length(), Math.max(0, limits.maxBodyChars() - body.length())));
  }

  private void appendAttachmentText(String fileName, String mediaType, String charset, Drained drained) {
    if (drained.truncated) {
      note("attachment '" + (fileName != null ? fileName : mediaType) + "' is larger than "
          + limits.maxAttachmentBytesForText() + " bytes; its text is not indexed");
      return;
    }
    int room = limits.maxAttachmentTextChars() - attachmentText.length();
    if (room <= 0 || drained.size == 0) {
      if (room <= 0) {
        note("attachment text cut at " + limits.maxAttachmentTextChars() + " characters");
      }
      return;
    }
    AttachmentText.Result result;
    if (PLAIN_TEXT_ATTACHMENTS.contains(mediaType)) {
      // Text needs no type detection or parser: decoded in its declared charset, as a body is (Tika costs far more).
      result = new AttachmentText.Result(decodeText(drained.kept, charset).strip(), List.of());
    } else {
      long deadline = Math.min(textDeadlineNanos, System.nanoTime() + limits.attachmentTextTimeout().toNanos());
      result = AttachmentText.extract(drained.kept, fileName, mediaType, limits, room, deadline);
    }
    result.notes().forEach(this::note);
    if (!result.text().isEmpty()) {
      if (attachmentText.length() > 0) {
        attachmentText.append("\n\n");
      }
      attachmentText.append(result.text(), 0, Math.min(result.text().length(),
          Math.max(0, limits.maxAttachmentTextChars() - attachmentText.length())));
    }
  }

  // ---- headers ----

  private Instant parseDate(Field field, String rawValue) {
    ParsedField parsed = parse(field);
    if (parsed instanceof DateTimeField dateField && dateField.getDate() != null) {
      return dateField.getDate().toInstant();
    }
    malformed("the Date header cannot be read: '" + clip(rawValue, 80) + "'");
    return null;
  }

  private List<Mailbox> mailboxes(Field field, String rawValue) {
    ParsedField parsed = parse(field);
    List<Mailbox> found = new ArrayList<>();
    MailboxList list = null;
    if (parsed instanceof MailboxListField mailboxField && mailboxField.isValidField()) {
      list = mailboxField.getMailboxList();
    } else if (parsed instanceof AddressListField addressField && addressField.isValidField()) {
      AddressList addresses = addressField.getAddressList();
      list = addresses == null ? null : addresses.flatten();
    } else if (parsed instanceof MailboxField mailboxField && mailboxField.isValidField()
        && mailboxField.getMailbox() != null) {
      found.add(new Mailbox(mailboxField.getMailbox().getAddress(), mailboxField.getMailbox().getName()));
      return found;
    }
    if (list != null) {
      for (org.apache.james.mime4j.dom.address.Mailbox mailbox : list) {
        found.add(new Mailbox(mailbox.getAddress(), mailbox.getName()));
      }
      return found;
    }
    if (!rawValue.isBlank()) {
      malformed("the " + field.getName() + " header cannot be read as addresses");
      Matcher matcher = ADDRESS.matcher(rawValue);
      while (matcher.find()) {
        found.add(new Mailbox(matcher.group(), ""));
      }
    }
    return found;
  }

  private static ParsedField parse(Field field) {
    try {
      return LenientFieldParser.getParser().parse(field, DecodeMonitor.SILENT);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String unfold(String value) {
    return value == null ? "" : FOLD.matcher(value).replaceAll("").replace("\r", "").replace("\n", "");
  }

  private static String decodeWords(String value) {
    if (!value.contains("=?")) {
      return value;
    }
    try {
      return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
    } catch (RuntimeException e) {
      return value;
    }
  }

  private static String clip(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }

  // ---- bodies ----

  /** Decodes text in its declared charset; an unknown or wrong one falls back to UTF-8, then windows-1252. */
  private String decodeText(byte[] bytes, String declared) {
    Charset charset = declared == null ? null : CharsetUtil.lookup(declared);
    if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
      return new String(bytes, charset);
    }
    if (declared != null && charset == null) {
      note("unknown charset '" + clip(declared, 40) + "'; read as UTF-8");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }

  /** A part's decoded content: all of it hashed and counted, the first {@code keep} bytes kept. */
  private record Drained(byte[] kept, long size, String sha256, boolean truncated) {}

  private static Drained drain(InputStream stream, long keep) throws IOException {
    MessageDigest digest = sha256();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long size = 0;
    int n;
    while ((n = stream.read(buffer)) != -1) {
      digest.update(buffer, 0, n);
      if (size < keep) {
        kept.write(buffer, 0, (int) Math.min(n, keep - size));
      }
      size += n;
    }
    return new Drained(kept.toByteArray(), size, HexFormat.of().formatHex(digest.digest()), size > keep);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Discards what parts beyond the limit still contain. */
  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {
      // discarded
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // discarded
    }
  }
}
