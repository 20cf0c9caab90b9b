package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.RecipientState;
import java.time.Instant;

/**
 * The payloads of the per-entry state log: "journaled", "recipient i is now in this state", "recipient i reached
 * destination d", and the operator's hold, release and retry-now.
 */
public final class StateRecords {
  private static final int JOURNALED = 1;
  private static final int RECIPIENT = 2;
  private static final int REACHED = 3;
  private static final int HOLD = 4;
  private static final int RELEASE = 5;
  private static final int RETRY_NOW = 6;
  private static final int MAX_ERROR_CHARS = 2000;

  private StateRecords() {}

  public static byte[] journaled() {
    return new FieldWriter().writeByte(JOURNALED).toByteArray();
  }

  public static byte[] recipient(int index, RecipientState state) {
    String error = state.lastError();
    return new FieldWriter()
        .writeByte(RECIPIENT)
        .writeInt(index)
        .writeString(state.status().name())
        .writeInt(state.attempts())
        .writeLong(state.nextAttempt() == null ? Long.MIN_VALUE : state.nextAttempt().toEpochMilli())
        .writeString(error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS))
        .toByteArray();
  }

  public static byte[] reached(int index, Destination destination) {
    return new FieldWriter().writeByte(REACHED).writeInt(index).writeString(destination.name()).toByteArray();
  }

  public static byte[] hold(boolean held) {
    return new FieldWriter().writeByte(held ? HOLD : RELEASE).toByteArray();
  }

  public static byte[] retryNow() {
    return new FieldWriter().writeByte(RETRY_NOW).toByteArray();
  }

  /** Applies one replayed record to {@code entry}. */
  public static void replay(byte[] payload, EntryState entry) throws CorruptEntryException {
    FieldReader in = new FieldReader(payload);
    switch (in.readByte()) {
      case JOURNALED -> entry.markJournaled();
      case RECIPIENT -> {
        int index = checkedIndex(in.readInt(), entry);
        try {
          RecipientState previous = entry.recipientState(index);
          DeliveryStatus status = DeliveryStatus.valueOf(in.readString());
          int attempts = in.readInt();
          long next = in.readLong();
          String error = in.readString();
          entry.setRecipient(index, new RecipientState(entry.recipient(index), status, attempts,
              next == Long.MIN_VALUE ? null : Instant.ofEpochMilli(next), error, previous.reached()));
        } catch (IllegalArgumentException | NullPointerException invalid) {
          throw new CorruptEntryException("invalid recipient record: " + invalid.getMessage());
        }
      }
      case REACHED -> {
        int index = checkedIndex(in.readInt(), entry);
        try {
          Destination destination = Destination.valueOf(in.readString());
          entry.setRecipient(index, entry.recipientState(index).reaching(destination));
        } catch (IllegalArgumentException | NullPointerException invalid) {
          throw new CorruptEntryException("invalid destination record: " + invalid.getMessage());
        }
      }
      case HOLD -> entry.setHeld(true);
      case RELEASE -> entry.setHeld(false);
      case RETRY_NOW -> entry.makeDue();
      default -> throw new CorruptEntryException("unknown state record type");
    }
    in.expectEnd();
  }

  private static int checkedIndex(int index, EntryState entry) throws CorruptEntryException {
    if (index < 0 || index >= entry.recipientCount()) {
      throw new CorruptEntryException("recipient index " + index + " out of range");
    }
    return index;
  }
}
