package eu.sovereignmail.gateway.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GreenMail playing the foreign legacy provider's inbound host, which can cut off one account: RCPT for a
 * cut-off address gets {@code 550 5.7.1 account disabled}, as a provider answers for a sanctioned mailbox.
 */
public final class LegacyProvider extends GreenMail {
  private final Set<String> cutOff = ConcurrentHashMap.newKeySet();

  private LegacyProvider(ServerSetup setup) {
    super(setup);
  }

  /** A started provider on a free loopback port (plain SMTP). */
  public static LegacyProvider started() {
    LegacyProvider provider = new LegacyProvider(new ServerSetup(Ports.freeLoopbackPort(), Backends.HOST, ServerSetup.PROTOCOL_SMTP));
    provider.start();
    return provider;
  }

  public int port() {
    return getSmtp().getPort();
  }

  public void cutOff(String address) {
    cutOff.add(address.toLowerCase(Locale.ROOT));
  }

  /** Subjects of the messages delivered to {@code address}. */
  public List<String> subjectsFor(String address) throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : getReceivedMessages()) {
      for (var recipient : message.getAllRecipients() == null ? new jakarta.mail.Address[0] : message.getAllRecipients()) {
        if (recipient.toString().equalsIgnoreCase(address)) {
          subjects.add(message.getSubject());
        }
      }
    }
    return subjects;
  }

  @Override
  protected java.util.Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
    SmtpManager refusing = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
      @Override
      public String checkRecipient(SmtpState state, MailAddress rcpt) {
        return cutOff.contains(rcpt.getEmail().toLowerCase(Locale.ROOT))
            ? "550 5.7.1 account disabled by administrator" : null;
      }
    };
    Managers custom = new Managers() {
      @Override
      public SmtpManager getSmtpManager() {
        return refusing;
      }

      @Override
      public UserManager getUserManager() {
        return managers.getUserManager();
      }

      @Override
      public ImapHostManager getImapHostManager() {
        return managers.getImapHostManager();
      }
    };
    return super.createServices(config, custom);
  }
}
