package eu.sovereignmail.stack.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes James's {@code conf/} directory from the templates under this package's {@code conf/}
 * resources, filling in the settings. Every file James reads is one of ours: nothing from James's
 * sample configuration (absolute log paths, JMX, DNS autodiscovery, bounces) slips in.
 */
final class JamesConfigWriter {
  static final List<String> FILES = List.of(
      "james-database.properties", "webadmin.properties", "dnsservice.xml", "domainlist.xml",
      "usersrepository.xml", "recipientrewritetable.xml", "mailrepositorystore.xml", "imapserver.xml",
      "smtpserver.xml", "lmtpserver.xml", "mailetcontainer.xml", "logback.xml");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");
  /** James only delivers locally, so its resolver is never asked anything on the mail path. */
  private static final String DNS_SERVER = "127.0.0.1";

  private JamesConfigWriter() {}

  static void write(JamesSettings settings) throws IOException {
    Path conf = settings.confDir();
    Files.createDirectories(conf);
    Map<String, String> values = Map.of(
        "bind.host", settings.bindHost(),
        "smtp.port", Integer.toString(settings.ports().smtp()),
        "lmtp.port", Integer.toString(settings.ports().lmtp()),
        "imap.port", Integer.toString(settings.ports().imap()),
        "webadmin.port", Integer.toString(settings.ports().webAdmin()),
        "jdbc.url", settings.jdbcUrl(),
        "jdbc.user", settings.jdbcUser(),
        "jdbc.password", settings.jdbcPassword(),
        "admin.user", settings.adminUser(),
        "dns.server", DNS_SERVER);
    for (String file : FILES) {
      String rendered = render(template(file), values, file.endsWith(".xml"));
      Path target = conf.resolve(file);
      Path temp = conf.resolve(file + ".tmp");
      Files.writeString(temp, rendered, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    restrictToOwner(conf.resolve("james-database.properties"));
  }

  static String render(String template, Map<String, String> values, boolean xml) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("James template names an unknown setting: " + matcher.group(1));
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(xml ? xmlEscape(value) : propertiesEscape(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String xmlEscape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String propertiesEscape(String value) {
    // James reads .properties with ',' as list delimiter: escape it so a password stays one value.
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,");
  }

  private static String template(String file) {
    try (InputStream in = JamesConfigWriter.class.getResourceAsStream("conf/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing James template conf/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing finer to do.
    }
  }
}
