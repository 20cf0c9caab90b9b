package eu.sovereignmail.archive.journal.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that names the chain's last entry. Appenders lock it (SELECT … FOR UPDATE) so entries are
 * chained one at a time, across threads and gateway nodes; verify compares it with the last entry so a
 * deleted tail shows.
 */
@Entity
@Table(name = "chain_head")
public class ChainHeadEntity {
  /** The id of the single row. */
  public static final short ID = 1;

  @Id
  private short id;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", nullable = false, length = 64)
  private String lastHash;

  protected ChainHeadEntity() {}

  public long lastSeq() {
    return lastSeq;
  }

  public String lastHash() {
    return lastHash;
  }

  void advance(long seq, String hash) {
    this.lastSeq = seq;
    this.lastHash = hash;
  }
}
