package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.nio.file.Path;
import java.util.List;

/** The live, mutable progress of one committed entry; callers get immutable {@link SpoolEntry} snapshots. */
public final class EntryState {
  private final Envelope envelope;
  private final Path file;
  private final long messageOffset;
  private final long messageLength;
  private final RecipientState[] recipients;
  private boolean journaled;
  private boolean held;

  public EntryState(Envelope envelope, Path file, long messageOffset, long messageLength) {
    this.envelope = envelope;
    this.file = file;
    this.messageOffset = messageOffset;
    this.messageLength = messageLength;
    this.recipients = envelope.recipients().stream().map(RecipientState::fresh).toArray(RecipientState[]::new);
  }

  public Envelope envelope() {
    return envelope;
  }

  public Path file() {
    return file;
  }

  public long messageOffset() {
    return messageOffset;
  }

  public long messageLength() {
    return messageLength;
  }

  public synchronized void markJournaled() {
    journaled = true;
  }

  public synchronized void setHeld(boolean held) {
    this.held = held;
  }

  /** Every pending recipient due now: an operator's "retry now". */
  public synchronized void makeDue() {
    for (int i = 0; i < recipients.length; i++) {
      recipients[i] = recipients[i].dueNow();
    }
  }

  public int recipientCount() {
    return recipients.length;
  }

  public Recipient recipient(int index) {
    return envelope.recipients().get(index);
  }

  public synchronized RecipientState recipientState(int index) {
    return recipients[index];
  }

  public synchronized void setRecipient(int index, RecipientState state) {
    recipients[index] = state;
  }

  public synchronized SpoolEntry snapshot() {
    return new SpoolEntry(envelope, messageLength, journaled, held, List.of(recipients));
  }
}
