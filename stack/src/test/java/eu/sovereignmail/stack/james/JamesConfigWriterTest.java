package eu.sovereignmail.stack.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamesConfigWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryFileWithTheSettingsAndNoPlaceholderLeft() throws Exception {
    JamesSettings settings = new JamesSettings(dir.resolve("home"), dir.resolve("dist"), "127.0.0.1",
        new JamesSettings.Ports(1025, 1024, 1143, 1800), "jdbc:mariadb://127.0.0.1:13306/james", "james",
        "p<a>ss,&word", "admin@example.eu", "admin-pw", null);

    JamesConfigWriter.write(settings);

    for (String file : JamesConfigWriter.FILES) {
      String text = Files.readString(settings.confDir().resolve(file));
      assertThat(text).as(file).doesNotContain("${").doesNotContain("/var/log").doesNotContain(settings.adminPassword());
    }
    assertThat(Files.readString(settings.confDir().resolve("imapserver.xml"))).contains("<bind>127.0.0.1:1143</bind>");
    assertThat(Files.readString(settings.confDir().resolve("lmtpserver.xml"))).contains("<bind>127.0.0.1:1024</bind>");
    assertThat(Files.readString(settings.confDir().resolve("smtpserver.xml"))).contains("<bind>127.0.0.1:1025</bind>");
    assertThat(Files.readString(settings.confDir().resolve("usersrepository.xml")))
        .contains("<administratorId>admin@example.eu</administratorId>");
    assertThat(Files.readString(settings.confDir().resolve("dnsservice.xml"))).contains("<autodiscover>false</autodiscover>");
    Properties webAdmin = load(settings.confDir().resolve("webadmin.properties"));
    assertThat(webAdmin.getProperty("port")).isEqualTo("1800");
    assertThat(webAdmin.getProperty("host")).isEqualTo("127.0.0.1");
    assertThat(Files.readString(settings.confDir().resolve("james-database.properties")))
        .contains("database.password=p<a>ss\\,&word");
  }

  @Test
  void escapesValuesForXml() {
    assertThat(JamesConfigWriter.render("<a>${x}</a>", Map.of("x", "b&<c>"), true)).isEqualTo("<a>b&amp;&lt;c&gt;</a>");
    assertThatThrownBy(() -> JamesConfigWriter.render("${nope}", Map.of(), true)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsDefaultToTheDesignPortsOnLoopbackAndHidePasswords() {
    JamesSettings settings = JamesSettings.defaults(dir, dir, "jdbc:x", "james", "db-pw", "admin@example.eu", "admin-pw");
    assertThat(settings.ports()).isEqualTo(new JamesSettings.Ports(10025, 10024, 10143, 18000));
    assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
    assertThat(settings.adminDomain()).isEqualTo("example.eu");
    assertThat(settings.toString()).doesNotContain("db-pw").doesNotContain("admin-pw");
    assertThatThrownBy(() -> JamesSettings.defaults(dir, dir, "jdbc:x", "james", "", "admin", "pw"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Properties load(Path file) throws Exception {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }
}
