package eu.sovereignmail.archive.search.internal;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.message.Mailbox;
import eu.sovereignmail.archive.message.ParsedMessage;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/**
 * One archived message as searched: the metadata row (one per Message-ID, journal copies merged) and
 * the index document built from it. Indexing is explicit (the indexer sets the body and attachment
 * text, which live only in the blob and the index, then asks for the document), never triggered by
 * ORM events, hence {@link ReindexOnUpdate#NO} on every derived field. Subject and body keep no term vectors: writing
 * and merging them cost a quarter of the indexing CPU, while highlighting a page by analyzing its hits' stored text
 * again costs a few milliseconds per search (docs/benchmarks.md, "Archive indexing").
 */
@Entity
@Table(name = "archived_message")
@Indexed(index = ArchivedMessageEntity.INDEX)
public class ArchivedMessageEntity {
  /** The index's name (the Lucene backend's directory under the index root). */
  public static final String INDEX = "archived_message";
  /** Index field names, shared with the query translation. */
  public static final String F_FROM = "from";
  public static final String F_TO = "to";
  public static final String F_CC = "cc";
  public static final String F_BCC = "bcc";
  public static final String F_SUBJECT = "subject";
  public static final String F_BODY = "body";
  public static final String F_ATTACHMENT_NAME = "attachmentName";
  public static final String F_ATTACHMENT_TEXT = "attachmentText";
  public static final String F_DATE = "date";
  public static final String F_SIZE = "size";
  public static final String F_DIRECTION = "direction";
  public static final String F_HAS_ATTACHMENT = "hasAttachment";
  public static final String F_MESSAGE_ID = "messageId";
  /** The row id as a sortable field: the last tie-breaker, so pages never overlap. */
  public static final String F_ID = "archiveId";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @GenericField(name = F_ID, sortable = Sortable.YES)
  private Long id;

  @Column(name = "dedup_key", nullable = false, length = 64, unique = true)
  private String dedupKey;

  @Column(name = "message_id", length = 998)
  private String messageId;

  @Column(name = "message_ref", nullable = false)
  private long messageRef;

  @Column(name = "blob_sha256", nullable = false, length = 64)
  private String blobSha256;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "first_received_at", nullable = false)
  private Instant firstReceivedAt;

  @Column(name = "from_address", length = 512)
  private String fromAddress;

  @Column(name = "from_name", length = 512)
  private String fromName;

  @FullTextField(name = F_SUBJECT, analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
      highlightable = {Highlightable.PLAIN, Highlightable.UNIFIED})
  @Column(name = "subject", nullable = false, length = 998)
  private String subject;

  @GenericField(name = F_SIZE, sortable = Sortable.YES)
  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Enumerated(EnumType.STRING)
  @Column(name = "direction", nullable = false, length = 16)
  private Direction direction;

  @GenericField(name = F_HAS_ATTACHMENT)
  @Column(name = "has_attachments", nullable = false)
  private boolean hasAttachments;

  @Column(name = "malformed", nullable = false)
  private boolean malformed;

  @Column(name = "problems", length = 2000)
  private String problems;

  @Column(name = "copies", nullable = false)
  private int copies;

  @ElementCollection
  @CollectionTable(name = "archived_recipient", joinColumns = @JoinColumn(name = "archived_ref"))
  private Set<RecipientValue> recipients = new LinkedHashSet<>();

  @ElementCollection
  @CollectionTable(name = "archived_attachment", joinColumns = @JoinColumn(name = "archived_ref"))
  @OrderColumn(name = "position")
  private List<AttachmentValue> attachments = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "archived_copy", joinColumns = @JoinColumn(name = "archived_ref"))
  private Set<CopyValue> copyEntries = new LinkedHashSet<>();

  @Transient
  private String bodyText = "";

  @Transient
  private String attachmentText = "";

  protected ArchivedMessageEntity() {}

  ArchivedMessageEntity(String dedupKey, long messageRef, String blobSha256, long sizeBytes, ParsedMessage parsed,
      Direction direction, Instant receivedAt) {
    this.dedupKey = dedupKey;
    this.messageId = Columns.clip(parsed.messageId(), 998);
    this.messageRef = messageRef;
    this.blobSha256 = blobSha256;
    this.sentAt = parsed.date();
    this.firstReceivedAt = receivedAt;
    Mailbox sender = parsed.from().isEmpty() ? null : parsed.from().get(0);
    this.fromAddress = sender == null ? null : Columns.clip(sender.address(), 512);
    this.fromName = sender == null ? null : Columns.clip(sender.displayName(), 512);
    this.subject = Columns.clip(parsed.subject(), 998);
    this.sizeBytes = sizeBytes;
    this.direction = direction;
    this.hasAttachments = parsed.hasAttachments();
    this.malformed = parsed.malformed();
    this.problems = parsed.problems().isEmpty() ? null : Columns.clip(String.join("; ", parsed.problems()), 2000);
    parsed.to().forEach(m -> recipients.add(new RecipientValue(RecipientValue.TO, m.address(), m.displayName())));
    parsed.cc().forEach(m -> recipients.add(new RecipientValue(RecipientValue.CC, m.address(), m.displayName())));
    parsed.attachments().forEach(a -> attachments.add(
        new AttachmentValue(a.fileName(), a.mediaType(), a.size(), a.sha256())));
  }

  /** Merges one more journal copy: its envelope recipients, its direction; false if it was merged before. */
  boolean addCopy(CopyValue copy, List<String> envelopeRecipients) {
    if (!copyEntries.add(copy)) {
      return false;
    }
    copies = copyEntries.size();
    for (String address : envelopeRecipients) {
      recipients.add(new RecipientValue(RecipientValue.ENVELOPE, address, ""));
    }
    return true;
  }

  /** The text that lives only in the blob and the index, set before the document is written. */
  void text(ParsedMessage parsed) {
    this.bodyText = parsed.bodyText();
    this.attachmentText = parsed.attachmentText();
  }

  // ---- index fields derived from the row ----

  @FullTextField(name = F_FROM, analyzer = SearchAnalysis.ADDRESS)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public List<String> getFromField() {
    List<String> values = new ArrayList<>(2);
    if (fromAddress != null && !fromAddress.isEmpty()) {
      values.add(fromAddress);
    }
    if (fromName != null && !fromName.isEmpty()) {
      values.add(fromName);
    }
    return values;
  }

  @FullTextField(name = F_TO, analyzer = SearchAnalysis.ADDRESS)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public List<String> getToField() {
    return recipientField(RecipientValue.TO);
  }

  @FullTextField(name = F_CC, analyzer = SearchAnalysis.ADDRESS)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public List<String> getCcField() {
    return recipientField(RecipientValue.CC);
  }

  @FullTextField(name = F_BCC, analyzer = SearchAnalysis.ADDRESS)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public List<String> getBccField() {
    return recipientField(RecipientValue.ENVELOPE);
  }

  @FullTextField(name = F_BODY, analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
      highlightable = {Highlightable.PLAIN, Highlightable.UNIFIED})
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public String getBodyField() {
    return bodyText;
  }

  @FullTextField(name = F_ATTACHMENT_NAME, analyzer = SearchAnalysis.ADDRESS)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public List<String> getAttachmentNameField() {
    return attachments.stream().map(AttachmentValue::fileName).filter(n -> n != null && !n.isEmpty()).toList();
  }

  @FullTextField(name = F_ATTACHMENT_TEXT, analyzer = SearchAnalysis.TEXT)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public String getAttachmentTextField() {
    return attachmentText;
  }

  @GenericField(name = F_DATE, sortable = Sortable.YES)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public Instant getDateField() {
    return date();
  }

  @KeywordField(name = F_DIRECTION)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public Set<String> getDirectionField() {
    return directionNames();
  }

  @KeywordField(name = F_MESSAGE_ID)
  @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
  public String getMessageIdField() {
    return messageId == null ? null : normalizeMessageId(messageId);
  }

  /** The form a Message-ID is matched in: angle brackets and surrounding space removed, lower case. */
  public static String normalizeMessageId(String messageId) {
    String value = messageId.strip();
    if (value.startsWith("<")) {
      value = value.substring(1);
    }
    if (value.endsWith(">")) {
      value = value.substring(0, value.length() - 1);
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private List<String> recipientField(String kind) {
    List<String> values = new ArrayList<>();
    for (RecipientValue recipient : recipients) {
      if (recipient.kind().equals(kind)) {
        values.add(recipient.address());
        if (!recipient.displayName().isEmpty()) {
          values.add(recipient.displayName());
        }
      }
    }
    return values;
  }

  private Set<String> directionNames() {
    Set<String> names = new TreeSet<>();
    names.add(direction.name().toLowerCase(Locale.ROOT));
    copyEntries.forEach(c -> names.add(c.direction().name().toLowerCase(Locale.ROOT)));
    return names;
  }

  // ---- accessors for the API ----

  public Long id() {
    return id;
  }

  public String messageId() {
    return messageId;
  }

  /** The key journal copies are merged by ({@link JournalIndexer#dedupKey}). */
  String dedupKey() {
    return dedupKey;
  }

  public String blobSha256() {
    return blobSha256;
  }

  /** The Date header, or when the gateway first received it if the header is missing or unreadable. */
  public Instant date() {
    return sentAt != null ? sentAt : firstReceivedAt;
  }

  public Instant firstReceivedAt() {
    return firstReceivedAt;
  }

  public Mailbox from() {
    return fromAddress == null ? null : new Mailbox(fromAddress, fromName);
  }

  public String subject() {
    return subject;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public boolean hasAttachments() {
    return hasAttachments;
  }

  public boolean malformed() {
    return malformed;
  }

  public String problems() {
    return problems;
  }

  public int copies() {
    return copies;
  }

  public Set<Direction> directions() {
    Set<Direction> all = new TreeSet<>();
    all.add(direction);
    copyEntries.forEach(c -> all.add(c.direction()));
    return all;
  }

  public List<Mailbox> recipients(String kind) {
    return recipients.stream().filter(r -> r.kind().equals(kind))
        .map(r -> new Mailbox(r.address(), r.displayName())).toList();
  }

  public List<Long> copySequences() {
    return copyEntries.stream().map(CopyValue::entrySeq).sorted().toList();
  }
}
