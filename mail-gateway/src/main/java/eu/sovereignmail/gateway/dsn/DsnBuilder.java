package eu.sovereignmail.gateway.dsn;

import eu.sovereignmail.gateway.delivery.FailedRecipient;
import eu.sovereignmail.gateway.delivery.MessageSource;
import eu.sovereignmail.gateway.dsn.internal.OriginalContent;
import eu.sovereignmail.gateway.dsn.internal.SevenBit;
import eu.sovereignmail.gateway.dsn.internal.StatusFields;
import eu.sovereignmail.gateway.dsn.internal.Utf8Field;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.parse.XText;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;

/**
 * Builds the bytes of an RFC 3464 delivery status notification, so a sender learns which recipients failed (or are
 * delayed) and why: a {@code multipart/report; report-type=delivery-status} with a short human explanation, the
 * machine-readable {@code message/delivery-status} (RFC 3461 6.3: ENVID and ORCPT are carried back) and the original.
 *
 * <p>What is returned of the original follows RET (RFC 3461 4.3): RET=FULL returns the whole message as
 * {@code message/rfc822}; RET=HDRS <em>and no RET at all</em> return only its header section as
 * {@code text/rfc822-headers}. Returning headers when the sender did not ask is a deliberate privacy default: a bounce
 * may travel to a forged or outside sender and should not carry the body there. A whole message that cannot travel as
 * a MIME part (larger than the configured maximum, NUL octets, lines over 998 octets) falls back to its headers, and the
 * human text says why. Lines end in CRLF; the report parts are 7bit, the returned message 7bit or 8bit as it is.
 */
public final class DsnBuilder {
  /** The largest original returned whole (RET=FULL); a larger one is returned as headers only. */
  public static final long DEFAULT_MAX_RETURNED = 10L << 20;
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

  private final String reportingHost;
  private final long maxReturned;

  public DsnBuilder(String reportingHost) {
    this(reportingHost, DEFAULT_MAX_RETURNED);
  }

  /** {@code reportingHost}: this MTA's DNS name (Reporting-MTA, From, Message-ID); {@code maxReturned}: see above. */
  public DsnBuilder(String reportingHost, long maxReturned) {
    if (reportingHost == null || !HOSTNAME.matcher(reportingHost).matches()) {
      throw new IllegalArgumentException("reporting host must be a DNS name, was " + reportingHost);
    }
    if (maxReturned < 0) {
      throw new IllegalArgumentException("maxReturned must not be negative, was " + maxReturned);
    }
    this.reportingHost = reportingHost;
    this.maxReturned = maxReturned;
  }

  public String reportingHost() {
    return reportingHost;
  }

  /**
   * The DSN for {@code recipients} of {@code original}, addressed to its sender, with Message-ID
   * {@code <dsnId@reportingHost>}; {@code now} is the date of the report and of the last attempt.
   *
   * @throws IllegalArgumentException for the null sender (no DSN may go to {@code <>}) or no recipients
   * @throws IOException when the original cannot be read
   */
  public DsnMessage build(EntryId dsnId, Envelope original, MessageSource message, DsnAction action,
      List<FailedRecipient> recipients, Instant now) throws IOException {
    String sender = original.mailFrom();
    if (sender == null) {
      throw new IllegalArgumentException("no DSN for the null sender (entry " + original.id() + ")");
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a DSN reports at least one recipient");
    }
    boolean wantWhole = original.ret() == DsnRet.FULL && action == DsnAction.FAILED;
    OriginalContent content = OriginalContent.read(message.open(), wantWhole, maxReturned);
    boolean senderUtf8 = !StatusFields.isPrintableAscii(sender);

    Message.Builder dsn = Message.Builder.of()
        .setField(new Utf8Field("From", "\"Mail Delivery System\" <MAILER-DAEMON@" + reportingHost + ">"))
        .setField(new Utf8Field("To", "<" + sender + ">"))
        .setSubject(action.subject())
        .setDate(Date.from(now), TimeZone.getTimeZone("UTC"))
        .setMessageId("<" + dsnId + "@" + reportingHost + ">")
        .setField(new RawField("Auto-Submitted", "auto-replied"));
    MultipartBuilder report = MultipartBuilder.create("report")
        .addContentTypeParameter(new NameValuePair("report-type", "delivery-status"))
        .addBodyPart(humanPart(original, action, recipients, content, wantWhole))
        .addBodyPart(statusPart(original, action, recipients, now))
        .addBodyPart(originalPart(content));
    dsn.setBody(report.build());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DefaultMessageWriter().writeMessage(dsn.build(), out);
    boolean eightBit = senderUtf8 || content.whole() != null && SevenBit.hasEightBit(content.whole());
    return new DsnMessage(out.toByteArray(), eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT, senderUtf8);
  }

  private BodyPartBuilder humanPart(Envelope original, DsnAction action, List<FailedRecipient> recipients,
      OriginalContent content, boolean wantWhole) {
    StringBuilder text = new StringBuilder();
    text.append("This is the mail delivery system at ").append(reportingHost).append(".\r\n\r\n");
    if (action == DsnAction.FAILED) {
      text.append("Your message could not be delivered to the recipients below; the mail system\r\n")
          .append("has given up on them. This is a final notice for these recipients.\r\n\r\n");
    } else {
      text.append("Your message has not been delivered yet to the recipients below. The mail\r\n")
          .append("system keeps trying; you do not need to send it again.\r\n\r\n");
    }
    for (FailedRecipient r : recipients) {
      text.append("<").append(r.recipient().address()).append(">: ").append(oneLine(r.reason()));
      if (r.remoteHost() != null) {
        text.append(" (host ").append(oneLine(r.remoteHost())).append(")");
      }
      text.append("\r\n");
    }
    text.append("\r\nThe message arrived on ").append(StatusFields.formatDate(original.receivedAt()));
    if (original.envid() != null) {
      text.append(" with envelope id ").append(oneLine(original.envid()));
    }
    text.append(".\r\n");
    if (content.whole() != null) {
      text.append("A copy of it is attached.\r\n");
    } else if (wantWhole) {
      text.append("Its header section is attached; the whole message is not, because ")
          .append(content.wholeRefused()).append(".\r\n");
    } else {
      text.append("Its header section is attached (the body is returned only when the sender asks for it).\r\n");
    }
    String body = text.toString();
    return BodyPartBuilder.create()
        .setBody(BasicBodyFactory.INSTANCE.textBody(body, StandardCharsets.UTF_8))
        .setContentTransferEncoding(SevenBit.fits(body) ? "7bit" : "quoted-printable");
  }

  private BodyPartBuilder statusPart(Envelope original, DsnAction action, List<FailedRecipient> recipients, Instant now) {
    StatusFields fields = new StatusFields().field("Reporting-MTA", "dns; " + reportingHost);
    if (original.envid() != null) {
      String envid = original.envid();
      fields.field("Original-Envelope-Id", StatusFields.isPrintableAscii(envid) ? envid : XText.encode(envid));
    }
    fields.date("Arrival-Date", original.receivedAt());
    for (FailedRecipient r : recipients) {
      fields.nextGroup();
      if (r.recipient().orcpt() != null) {
        fields.address("Original-Recipient", r.recipient().orcpt().addressType(), r.recipient().orcpt().address());
      }
      fields.address("Final-Recipient", "rfc822", r.recipient().address())
          .field("Action", action.keyword())
          .field("Status", status(action, r.reply()));
      if (r.remoteHost() != null) {
        fields.field("Remote-MTA", "dns; " + r.remoteHost());
      }
      if (r.reply() != null) {
        fields.field("Diagnostic-Code", "smtp; " + diagnostic(r.reply()));
      }
      fields.date("Last-Attempt-Date", now);
    }
    return BodyPartBuilder.create()
        .setBody(BasicBodyFactory.INSTANCE.textBody(fields.toString(), StandardCharsets.US_ASCII))
        .setContentType("message/delivery-status");
  }

  private static BodyPartBuilder originalPart(OriginalContent content) {
    if (content.whole() != null) {
      return BodyPartBuilder.create()
          .setBody(BasicBodyFactory.INSTANCE.binaryBody(content.whole()))
          .setContentType("message/rfc822")
          .setContentTransferEncoding(SevenBit.hasEightBit(content.whole()) ? "8bit" : "7bit");
    }
    return BodyPartBuilder.create()
        .setBody(BasicBodyFactory.INSTANCE.textBody(content.headers(), StandardCharsets.UTF_8))
        .setContentType("text/rfc822-headers")
        .setContentTransferEncoding(content.headersNeedEncoding() ? "quoted-printable" : "7bit");
  }

  /**
   * RFC 3464 2.3.4: the reply's enhanced code when it has one; else the class of the reply (X.0.0); with no reply a
   * failure means the retries ran out (4.4.7, delivery time expired) and a delay says only that it is transient.
   */
  static String status(DsnAction action, SmtpReply reply) {
    if (reply == null) {
      return action == DsnAction.FAILED ? "4.4.7" : action.defaultStatus();
    }
    if (reply.enhanced() != null) {
      return reply.enhanced();
    }
    return reply.code() >= 500 ? "5.0.0" : reply.code() >= 400 ? "4.0.0" : action.defaultStatus();
  }

  /** The reply as one line: {@code 550 5.1.1 text text}. */
  private static String diagnostic(SmtpReply reply) {
    StringBuilder s = new StringBuilder().append(reply.code());
    if (reply.enhanced() != null) {
      s.append(' ').append(reply.enhanced());
    }
    for (String line : reply.lines()) {
      if (!line.isBlank()) {
        s.append(' ').append(line.strip());
      }
    }
    return s.toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").strip();
  }
}
