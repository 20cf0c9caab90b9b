package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The version-1 byte form of an {@link Envelope}: fixed field order, enums by name, strings length-prefixed. */
public final class EnvelopeCodec {
  private EnvelopeCodec() {}

  public static byte[] encode(Envelope e) {
    FieldWriter out = new FieldWriter()
        .writeLong(e.id().uuid().getMostSignificantBits())
        .writeLong(e.id().uuid().getLeastSignificantBits())
        .writeLong(e.receivedAt().getEpochSecond())
        .writeInt(e.receivedAt().getNano())
        .writeString(e.direction().name())
        .writeString(e.mailFrom())
        .writeString(e.ret() == null ? null : e.ret().name())
        .writeString(e.envid())
        .writeString(e.body().name())
        .writeByte(e.smtpUtf8() ? 1 : 0)
        .writeString(e.clientIp())
        .writeString(e.helo())
        .writeString(e.authenticatedUser())
        .writeInt(e.recipients().size());
    for (Recipient r : e.recipients()) {
      out.writeString(r.address()).writeInt(r.notifyOn().size());
      r.notifyOn().stream().sorted().forEach(n -> out.writeString(n.name()));
      out.writeString(r.orcpt() == null ? null : r.orcpt().addressType());
      out.writeString(r.orcpt() == null ? null : r.orcpt().address());
    }
    return out.toByteArray();
  }

  public static Envelope decode(byte[] bytes) throws CorruptEntryException {
    FieldReader in = new FieldReader(bytes);
    try {
      EntryId id = new EntryId(new UUID(in.readLong(), in.readLong()));
      Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Direction direction = Direction.valueOf(in.readString());
      String mailFrom = in.readString();
      String ret = in.readString();
      String envid = in.readString();
      BodyType body = BodyType.valueOf(in.readString());
      boolean smtpUtf8 = in.readByte() == 1;
      String clientIp = in.readString();
      String helo = in.readString();
      String authenticatedUser = in.readString();
      int count = in.readInt();
      List<Recipient> recipients = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        recipients.add(recipient(in));
      }
      in.expectEnd();
      return new Envelope(id, receivedAt, direction, mailFrom, recipients, ret == null ? null : DsnRet.valueOf(ret),
          envid, body, smtpUtf8, clientIp, helo, authenticatedUser);
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException invalid) {
      throw new CorruptEntryException("invalid envelope: " + invalid.getMessage());
    }
  }

  private static Recipient recipient(FieldReader in) throws CorruptEntryException {
    String address = in.readString();
    int notifyCount = in.readInt();
    Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
    for (int n = 0; n < notifyCount; n++) {
      notify.add(DsnNotify.valueOf(in.readString()));
    }
    String orcptType = in.readString();
    String orcptAddress = in.readString();
    return new Recipient(address, notify, orcptType == null ? null : new OriginalRecipient(orcptType, orcptAddress));
  }
}
