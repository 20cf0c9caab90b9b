package eu.sovereignmail.gateway.http.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The autoconfig documents served by a real gateway HTTP server on a free loopback port. */
class AutoconfigModuleTest {
  private static final ClientSettings SETTINGS =
      new ClientSettings("mail.example.eu", 993, 143, "smtp.example.eu", 465, 587, "Example & Co", "example.eu");
  private static GatewayHttpServer server;
  private static Health health;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    health = new Health(Duration.ofSeconds(1));
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, health,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(new AutoconfigModule(SETTINGS)));
  }

  @AfterAll
  static void stop() {
    server.close();
    health.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Document xml(String body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String xpath(Document doc, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
  }

  @Test
  void mozillaAutoconfigAtBothPaths() throws Exception {
    for (String path : List.of(AutoconfigModule.WELL_KNOWN + "?emailaddress=alice%40Staff.Example.eu",
        AutoconfigModule.MOZILLA + "?emailaddress=alice%40staff.example.eu")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
      Document doc = xml(response.body());
      assertThat(xpath(doc, "/clientConfig/@version")).isEqualTo("1.1");
      assertThat(xpath(doc, "/clientConfig/emailProvider/@id")).isEqualTo("staff.example.eu");
      assertThat(xpath(doc, "/clientConfig/emailProvider/displayName")).isEqualTo("Example & Co");
      assertThat(xpath(doc, "/clientConfig/emailProvider/incomingServer[1]/hostname")).isEqualTo("mail.example.eu");
      assertThat(xpath(doc, "/clientConfig/emailProvider/incomingServer[1]/port")).isEqualTo("993");
      assertThat(xpath(doc, "/clientConfig/emailProvider/incomingServer[1]/socketType")).isEqualTo("SSL");
      assertThat(xpath(doc, "/clientConfig/emailProvider/incomingServer[2]/socketType")).isEqualTo("STARTTLS");
      assertThat(xpath(doc, "/clientConfig/emailProvider/incomingServer[1]/username")).isEqualTo("%EMAILADDRESS%");
      assertThat(xpath(doc, "/clientConfig/emailProvider/outgoingServer[1]/hostname")).isEqualTo("smtp.example.eu");
      assertThat(xpath(doc, "/clientConfig/emailProvider/outgoingServer[1]/port")).isEqualTo("465");
      assertThat(xpath(doc, "/clientConfig/emailProvider/outgoingServer[2]/port")).isEqualTo("587");
    }
  }

  @Test
  void withoutAnAddressTheDefaultDomainIsUsedAndABadAddressIsRefused() throws Exception {
    assertThat(xpath(xml(get(AutoconfigModule.WELL_KNOWN).body()), "/clientConfig/emailProvider/domain")).isEqualTo("example.eu");
    HttpResponse<String> bad = get(AutoconfigModule.MOZILLA + "?emailaddress=" + URLEncoder.encode("<x>@y", StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void appleProfileIsADownloadWithTheAccount() throws Exception {
    HttpResponse<String> response = get(AutoconfigModule.APPLE + "?emailaddress=alice%40example.eu");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-apple-aspen-config");
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
    Document doc = xml(response.body());
    String account = "/plist/dict/array/dict";
    assertThat(xpath(doc, account + "/key[.='EmailAddress']/following-sibling::string[1]")).isEqualTo("alice@example.eu");
    assertThat(xpath(doc, account + "/key[.='IncomingMailServerHostName']/following-sibling::string[1]")).isEqualTo("mail.example.eu");
    assertThat(xpath(doc, account + "/key[.='IncomingMailServerPortNumber']/following-sibling::integer[1]")).isEqualTo("993");
    assertThat(xpath(doc, account + "/key[.='OutgoingMailServerPortNumber']/following-sibling::integer[1]")).isEqualTo("465");
    assertThat(xpath(doc, account + "/key[.='PayloadType']/following-sibling::string[1]")).isEqualTo("com.apple.mail.managed");
    assertThat(get(AutoconfigModule.APPLE + "?emailaddress=alice%40example.eu").body()).isEqualTo(response.body());
    assertThat(get(AutoconfigModule.APPLE).statusCode()).isEqualTo(400);
  }

  @Test
  void helpPageSaysWhatToType() throws Exception {
    HttpResponse<String> response = get(AutoconfigModule.HELP);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(response.body()).contains("mail.example.eu").contains("993").contains("587").contains("STARTTLS")
        .contains("Example &amp; Co").contains("full email address").contains(AutoconfigModule.APPLE);
  }
}
