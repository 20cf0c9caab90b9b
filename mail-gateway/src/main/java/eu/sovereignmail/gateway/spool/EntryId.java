package eu.sovereignmail.gateway.spool;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** A spool entry's id: a UUIDv7 (RFC 9562), so ids, file names and queue listings sort by arrival time. */
public record EntryId(UUID uuid) implements Comparable<EntryId> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static int sequence;

  public EntryId {
    if (uuid.version() != 7) {
      throw new IllegalArgumentException("not a UUIDv7: " + uuid);
    }
  }

  /** A new id, strictly greater than every id this JVM made before (a 12-bit sequence orders ids of one millisecond). */
  public static EntryId next() {
    long millis;
    int seq;
    synchronized (EntryId.class) {
      millis = Math.max(System.currentTimeMillis(), lastMillis);
      if (millis == lastMillis) {
        sequence++;
        if (sequence > 0xFFF) {
          millis++;
          sequence = 0;
        }
      } else {
        sequence = 0;
      }
      lastMillis = millis;
      seq = sequence;
    }
    long msb = millis << 16 | 0x7000L | seq;
    long lsb = RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return new EntryId(new UUID(msb, lsb));
  }

  public static EntryId parse(String text) {
    return new EntryId(UUID.fromString(text));
  }

  /** The millisecond the id was made, i.e. when the message was received. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
  }

  @Override
  public int compareTo(EntryId other) {
    int byMsb = Long.compareUnsigned(uuid.getMostSignificantBits(), other.uuid.getMostSignificantBits());
    return byMsb != 0 ? byMsb : Long.compareUnsigned(uuid.getLeastSignificantBits(), other.uuid.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return uuid.toString();
  }
}
