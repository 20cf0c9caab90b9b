package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.journal.Checkpoint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored signed checkpoint (table {@code journal_checkpoint}); the signature, not the row, is what is trusted. */
@Entity
@Table(name = "journal_checkpoint")
public class CheckpointEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "seq", nullable = false)
  private long seq;

  @Column(name = "entry_hash", nullable = false, length = 64)
  private String entryHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sig_version", nullable = false)
  private int sigVersion;

  @Column(name = "key_id", nullable = false, length = 64)
  private String keyId;

  @Column(name = "public_key", nullable = false, length = 128)
  private String publicKey;

  @Column(name = "signature", nullable = false, length = 128)
  private String signature;

  protected CheckpointEntity() {}

  CheckpointEntity(Checkpoint checkpoint) {
    this.seq = checkpoint.sequence();
    this.entryHash = checkpoint.entryHash();
    this.createdAt = checkpoint.createdAt();
    this.sigVersion = Checkpoint.VERSION;
    this.keyId = checkpoint.keyId();
    this.publicKey = checkpoint.publicKey();
    this.signature = checkpoint.signature();
  }

  long id() {
    return id;
  }

  long seq() {
    return seq;
  }

  int sigVersion() {
    return sigVersion;
  }

  Checkpoint checkpoint() {
    return new Checkpoint(seq, entryHash, createdAt, keyId, publicKey, signature);
  }
}
