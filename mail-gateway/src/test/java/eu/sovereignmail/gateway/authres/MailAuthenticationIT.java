package eu.sovereignmail.gateway.authres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.app.Gateway;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.testing.GatewayConfigs;
import eu.sovereignmail.gateway.testing.LoopbackDns;
import eu.sovereignmail.gateway.testing.RawSmtpClient;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mail authentication end to end through the gateway process (real James and MariaDB, DNS on loopback): a message
 * failing DMARC under {@code p=reject} is refused 550 5.7.1 at the MX door, a passing one reaches the INBOX with the
 * gateway's Authentication-Results on top and the forged one (with our authserv-id) gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailAuthenticationIT {
  private static final String DOMAIN = "authres.test";
  private static final String HOST = "mx." + DOMAIN;
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private Backends backends;
  private LoopbackDns dns;
  private Gateway gateway;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.get();
    backends.users(DOMAIN, "mira", "postmaster");
    dns = LoopbackDns.start()
        .add("good.test", "@ TXT \"v=spf1 ip4:127.0.0.1 -all\"", "_dmarc TXT \"v=DMARC1; p=reject\"")
        .add("strict.test", "@ TXT \"v=spf1 ip4:192.0.2.10 -all\"", "_dmarc TXT \"v=DMARC1; p=reject\"");
    Path data = backends.newDirectory("authres");
    String yaml = GatewayConfigs.yaml(backends, data, HOST, "authres_it", Ports.freeLoopbackPort(), """
        dns:
          servers: [%s]
          timeout: 2s
        authentication:
          dmarc-reject: REJECT
        """.formatted(dns.server()));
    gateway = Gateway.start(GatewayConfigs.parse(yaml));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void dmarcRejectFailureIsRefusedAndPassingMailIsTaggedWithForgedResultsRemoved() throws Exception {
    String to = "mira@" + DOMAIN;
    assertThat(RawSmtpClient.send(gateway.smtpPort(ListenerKind.MX), "ceo@strict.test", to,
        "From: ceo@strict.test\r\nTo: " + to + "\r\nSubject: wire the money\r\n\r\nNow.\r\n")).startsWith("550 5.7.1");

    assertThat(RawSmtpClient.send(gateway.smtpPort(ListenerKind.MX), "news@good.test", to,
        "Authentication-Results: " + HOST + "; spf=pass; dkim=pass; dmarc=pass (forged)\r\n"
            + "From: news@good.test\r\nTo: " + to + "\r\nSubject: newsletter\r\n\r\nHello.\r\n")).startsWith("250");
    // James can list a message a moment before it serves it ("Invalid messageset"): try again then.
    await().atMost(AWAIT).ignoreExceptionsInstanceOf(MessagingException.class)
        .untilAsserted(() -> assertThat(authenticationResults(to)).hasSize(1));
    String results = authenticationResults(to).getFirst();
    assertThat(results).startsWith(HOST + ";").contains("spf=pass smtp.mailfrom=news@good.test", "dkim=none",
        "dmarc=pass (p=reject) header.from=good.test").doesNotContain("forged");
    assertThat(backends.inboxSubjects(to)).containsExactly("newsletter");
  }

  /** The Authentication-Results fields of the newest INBOX message of {@code user} (empty when there is none). */
  private List<String> authenticationResults(String user) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.auth.mechanisms", "PLAIN");
    props.put("mail.imap.auth.login.disable", "true");
    props.put("mail.imap.sasl.authorizationid", user);
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(Backends.HOST, backends.jamesSettings().ports().imap(), backends.jamesSettings().adminUser(), Backends.ADMIN_PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        Message[] messages = inbox.getMessages();
        if (messages.length == 0) {
          return List.of();
        }
        String[] fields = messages[messages.length - 1].getHeader("Authentication-Results");
        return fields == null ? List.of() : new ArrayList<>(List.of(fields));
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
