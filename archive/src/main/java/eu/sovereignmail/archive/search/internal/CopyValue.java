package eu.sovereignmail.archive.search.internal;

import eu.sovereignmail.archive.journal.Direction;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;

/** One journal entry merged into an archived message (its sequence is unique, so a replay adds nothing). */
@Embeddable
public class CopyValue {
  @Column(name = "entry_seq", nullable = false)
  private long entrySeq;

  @Column(name = "message_ref", nullable = false)
  private long messageRef;

  @Enumerated(EnumType.STRING)
  @Column(name = "direction", nullable = false, length = 16)
  private Direction direction;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected CopyValue() {}

  public CopyValue(long entrySeq, long messageRef, Direction direction, Instant receivedAt) {
    this.entrySeq = entrySeq;
    this.messageRef = messageRef;
    this.direction = direction;
    this.receivedAt = receivedAt;
  }

  public long entrySeq() {
    return entrySeq;
  }

  public Direction direction() {
    return direction;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopyValue c && c.entrySeq == entrySeq;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(entrySeq);
  }
}
