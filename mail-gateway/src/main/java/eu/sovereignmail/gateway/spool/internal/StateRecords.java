package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.RecipientState;
import java.time.Instant;

/** The payloads of the per-entry state log: "journaled" and "recipient i is now in this state". */
public final class StateRecords {
  private static final int JOURNALED = 1;
  private static final int RECIPIENT = 2;
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

  /** Applies one replayed record to {@code entry}. */
  public static void replay(byte[] payload, EntryState entry) throws CorruptEntryException {
    FieldReader in = new FieldReader(payload);
    switch (in.readByte()) {
      case JOURNALED -> entry.markJournaled();
      case RECIPIENT -> {
        int index = in.readInt();
        if (index < 0 || index >= entry.recipientCount()) {
          throw new CorruptEntryException("recipient index " + index + " out of range");
        }
        try {
          DeliveryStatus status = DeliveryStatus.valueOf(in.readString());
          int attempts = in.readInt();
          long next = in.readLong();
          String error = in.readString();
          entry.setRecipient(index, new RecipientState(entry.recipient(index), status, attempts,
              next == Long.MIN_VALUE ? null : Instant.ofEpochMilli(next), error));
        } catch (IllegalArgumentException | NullPointerException invalid) {
          throw new CorruptEntryException("invalid recipient record: " + invalid.getMessage());
        }
      }
      default -> throw new CorruptEntryException("unknown state record type");
    }
    in.expectEnd();
  }
}
