package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One journaled crossing of the gateway: envelope, message, and its link in the hash chain. */
@Entity
@Table(name = "journal_entry")
public class JournalEntryEntity {
  @Id
  @Column(name = "seq")
  private long seq;

  @Column(name = "spool_record_id", nullable = false, length = 128, unique = true)
  private String spoolRecordId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "message_ref", nullable = false)
  private MessageEntity message;

  @Column(name = "mail_from", nullable = false, length = Envelope.MAX_ADDRESS_LENGTH)
  private String mailFrom;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "journal_recipient", joinColumns = @JoinColumn(name = "entry_seq"))
  @OrderColumn(name = "position")
  @Column(name = "address", nullable = false, length = Envelope.MAX_ADDRESS_LENGTH)
  private List<String> recipients = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(name = "direction", nullable = false, length = 16)
  private Direction direction;

  @Column(name = "client_ip", length = 64)
  private String clientIp;

  @Column(name = "authenticated_user", length = 320)
  private String authenticatedUser;

  @Column(name = "gateway_node", nullable = false, length = 128)
  private String gatewayNode;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "journaled_at", nullable = false)
  private Instant journaledAt;

  @Column(name = "hash_version", nullable = false)
  private int hashVersion;

  @Column(name = "prev_hash", nullable = false, length = 64)
  private String prevHash;

  @Column(name = "entry_hash", nullable = false, length = 64)
  private String entryHash;

  protected JournalEntryEntity() {}

  JournalEntryEntity(CanonicalEntry entry, MessageEntity message) {
    Envelope envelope = entry.envelope();
    this.seq = entry.seq();
    this.spoolRecordId = entry.spoolRecordId();
    this.message = message;
    this.mailFrom = envelope.mailFrom();
    this.recipients = new ArrayList<>(envelope.recipients());
    this.direction = envelope.direction();
    this.clientIp = envelope.clientIp();
    this.authenticatedUser = envelope.authenticatedUser();
    this.gatewayNode = envelope.gatewayNode();
    this.receivedAt = envelope.receivedAt();
    this.journaledAt = entry.journaledAt();
    this.hashVersion = entry.version();
    this.prevHash = entry.prevHash();
    this.entryHash = entry.hash();
  }

  /** The entry as stored, in the form its hash is computed over. */
  CanonicalEntry canonical() {
    Envelope envelope = new Envelope(
        mailFrom, recipients, direction, clientIp, authenticatedUser, gatewayNode, receivedAt);
    return new CanonicalEntry(
        hashVersion, seq, spoolRecordId, message.sha256(), message.sizeBytes(), envelope, journaledAt, prevHash);
  }

  public long seq() {
    return seq;
  }

  public String spoolRecordId() {
    return spoolRecordId;
  }

  public MessageEntity message() {
    return message;
  }

  public int hashVersion() {
    return hashVersion;
  }

  public String prevHash() {
    return prevHash;
  }

  public String entryHash() {
    return entryHash;
  }
}
