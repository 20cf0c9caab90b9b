package eu.sovereignmail.archive.journal.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One distinct message (one blob): journal entries that carried the same bytes all point here. */
@Entity
@Table(name = "message")
public class MessageEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "sha256", nullable = false, length = 64, unique = true)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "first_seen", nullable = false)
  private Instant firstSeen;

  @Column(name = "message_id", length = 998)
  private String messageId;

  protected MessageEntity() {}

  MessageEntity(String sha256, long sizeBytes, Instant firstSeen, String messageId) {
    this.sha256 = sha256;
    this.sizeBytes = sizeBytes;
    this.firstSeen = firstSeen;
    this.messageId = messageId;
  }

  public String sha256() {
    return sha256;
  }

  public long sizeBytes() {
    return sizeBytes;
  }
}
