package eu.sovereignmail.gateway.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.smtp.session.TestPolicies;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.stack.process.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection cap's 421 on each SMTP door, read the way a client of that door reads: inside TLS on the SMTPS port
 * (a TLS client cannot read a reply sent before the handshake), in clear on the MX port.
 */
class SmtpConnectionCapIT {
  private static final String HOST = "mx.cap.example.eu";

  private Spool spool;
  private SmtpServer server;
  private SSLContext clientTls;
  private int mxPort;
  private int smtpsPort;

  @BeforeEach
  void start() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "smtp-it")), "cap-");
    TestKeystore keystore = TestKeystore.create(dir);
    clientTls = keystore.clientContext();
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    mxPort = Ports.freeLoopbackPort();
    smtpsPort = Ports.freeLoopbackPort();
    server = new SmtpServer(List.of(
        new SmtpListener("127.0.0.1", mxPort, SessionSettings.defaults(ListenerKind.MX, HOST)),
        new SmtpListener("127.0.0.1", smtpsPort, SessionSettings.defaults(ListenerKind.SUBMISSIONS, HOST))),
        ServerLimits.defaults().withConnections(1, 1).withReverseDns(false), Optional.of(keystore.serverTls()), spool,
        TestPolicies.policies(), Clock.systemUTC());
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    spool.close();
  }

  @Test
  void theSmtpsPortRefusesInsideTls() throws Exception {
    try (SSLSocket first = tls(); BufferedReader firstIn = reader(first)) {
      assertThat(firstIn.readLine()).startsWith("220 ");
      try (SSLSocket refused = tls(); BufferedReader refusedIn = reader(refused)) {
        assertThat(refusedIn.readLine()).startsWith("421 ").contains("Too many connections");
        assertThat(refusedIn.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void theMxPortRefusesInClear() throws Exception {
    try (Socket first = new Socket("127.0.0.1", mxPort); BufferedReader firstIn = reader(first)) {
      assertThat(firstIn.readLine()).startsWith("220 ");
      try (Socket refused = new Socket("127.0.0.1", mxPort); BufferedReader refusedIn = reader(refused)) {
        assertThat(refusedIn.readLine()).startsWith("421 ").contains("Too many connections");
      }
    }
  }

  private SSLSocket tls() throws Exception {
    SSLSocket socket = (SSLSocket) clientTls.getSocketFactory().createSocket("127.0.0.1", smtpsPort);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  private static BufferedReader reader(Socket socket) throws Exception {
    socket.setSoTimeout(10_000);
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
  }
}
