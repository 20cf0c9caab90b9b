package eu.sovereignmail.gateway.authres;

import eu.sovereignmail.gateway.authres.internal.HeaderFields;
import eu.sovereignmail.gateway.authres.internal.MessageBuffer;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.session.MessageFilter;
import eu.sovereignmail.gateway.spool.Envelope;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail-authentication step of the MX door: for each message from another server it removes
 * {@code Authentication-Results} fields claiming our authserv-id (and our {@code X-Sovereign-Spam} marker), checks
 * SPF, DKIM and DMARC, and puts its own Authentication-Results on top. A DMARC failure under {@code p=reject} or
 * {@code p=quarantine} is then tagged, marked for Junk or refused, as configured; a temporary DNS failure is only
 * ever recorded ({@code temperror}), never a reason to refuse.
 */
public final class InboundAuthentication implements MessageFilter {
  private static final Logger LOG = LoggerFactory.getLogger(InboundAuthentication.class);
  /** The marker a James mailet or Sieve rule files in Junk. */
  public static final String SPAM_FIELD = "X-Sovereign-Spam";
  static final SmtpReply DMARC_REJECTED = SmtpReply.of(550, "5.7.1", "Message rejected by the DMARC policy of the sender's domain");
  private static final int MEMORY_LIMIT = 1 << 20;
  private static final int HEADER_LIMIT = 256 << 10;

  /** What to do on DMARC failures, by the domain's published policy. */
  public record Policy(String authservId, DmarcAction onReject, DmarcAction onQuarantine) {}

  private final Policy policy;
  private final SpfCheck spf;
  private final DkimCheck dkim;
  private final DmarcCheck dmarc;
  private final Path tempDir;

  public InboundAuthentication(Policy policy, SpfCheck spf, DkimCheck dkim, DmarcCheck dmarc, Path tempDir) {
    this.policy = policy;
    this.spf = spf;
    this.dkim = dkim;
    this.dmarc = dmarc;
    this.tempDir = tempDir;
  }

  @Override
  public Stage open(Envelope envelope) {
    return new Check(envelope, new MessageBuffer(tempDir, MEMORY_LIMIT));
  }

  /** The verdict without the SMTP side: what the results are and what to do (tests and the stage use it). */
  public record Assessment(SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc, DmarcAction action) {}

  /** Checks one buffered message received from {@code envelope}'s client. */
  public Assessment assess(Envelope envelope, MessageBuffer message, HeaderFields header) throws IOException {
    SpfResult spfResult = spf.check(envelope.clientIp(), envelope.mailFrom(), envelope.helo());
    List<DkimResult> dkimResults;
    try (InputStream in = message.open()) {
      dkimResults = dkim.verify(in);
    }
    DmarcResult dmarcResult = dmarc.evaluate(fromDomain(header).orElse(null), spfResult, dkimResults);
    DmarcAction action = DmarcAction.TAG;
    if (dmarcResult.failed()) {
      action = switch (dmarcResult.policy()) {
        case "reject" -> policy.onReject();
        case "quarantine" -> policy.onQuarantine() == DmarcAction.REJECT ? DmarcAction.QUARANTINE : policy.onQuarantine();
        default -> DmarcAction.TAG;
      };
    }
    return new Assessment(spfResult, dkimResults, dmarcResult, action);
  }

  private final class Check implements Stage {
    private final Envelope envelope;
    private final MessageBuffer buffer;

    Check(Envelope envelope, MessageBuffer buffer) {
      this.envelope = envelope;
      this.buffer = buffer;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      buffer.write(bytes);
    }

    @Override
    public Verdict finish() throws IOException {
      HeaderFields header;
      InputStream in = new BufferedInputStream(buffer.open());
      try {
        header = HeaderFields.read(in, HEADER_LIMIT);
      } catch (IOException e) {
        in.close();
        throw e;
      }
      Assessment assessment;
      try {
        assessment = assess(envelope, buffer, header);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      LOG.info("event=authres.checked id={} client={} spf={} dkim={} dmarc={} policy={} action={}", envelope.id(),
          envelope.clientIp(), assessment.spf().result(),
          String.join(",", assessment.dkim().stream().map(DkimResult::result).toList()), assessment.dmarc().result(),
          assessment.dmarc().policy(), assessment.action());
      if (assessment.action() == DmarcAction.REJECT) {
        in.close();
        return new Verdict.Reject(DMARC_REJECTED);
      }
      ByteArrayOutputStream top = new ByteArrayOutputStream();
      top.write(AuthenticationResults.field(policy.authservId(), assessment.spf(), assessment.dkim(), assessment.dmarc()));
      if (assessment.action() == DmarcAction.QUARANTINE) {
        top.write((SPAM_FIELD + ": quarantine (dmarc=fail p=" + assessment.dmarc().policy() + ")\r\n")
            .getBytes(StandardCharsets.US_ASCII));
      }
      for (HeaderFields.Field field : header.fields()) {
        if (field.name().equals(SPAM_FIELD.toLowerCase(Locale.ROOT))
            || (field.name().equals("authentication-results") && AuthenticationResults.claims(field.value(), policy.authservId()))) {
          LOG.info("event=authres.field_removed id={} field={}", envelope.id(), field.name());
          continue;
        }
        top.write(field.raw());
      }
      top.write(header.separator());
      return new Verdict.Accept(new SequenceInputStream(new java.io.ByteArrayInputStream(top.toByteArray()), in));
    }

    @Override
    public void close() {
      buffer.close();
    }
  }

  private static Optional<String> fromDomain(HeaderFields header) {
    List<HeaderFields.Field> from = header.fields().stream().filter(f -> f.name().equals("from")).toList();
    if (from.size() != 1) {
      return Optional.empty();
    }
    try {
      List<Mailbox> mailboxes = DefaultAddressParser.DEFAULT.parseAddressList(from.getFirst().value()).flatten();
      return mailboxes.size() == 1 && mailboxes.getFirst().getDomain() != null
          ? Optional.of(mailboxes.getFirst().getDomain().toLowerCase(Locale.ROOT)) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
