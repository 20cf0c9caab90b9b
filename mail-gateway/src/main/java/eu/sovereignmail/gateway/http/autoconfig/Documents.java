package eu.sovereignmail.gateway.http.autoconfig;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The three documents of {@link AutoconfigModule}, built as text with every inserted value escaped. */
final class Documents {
  private Documents() {}

  /** Mozilla ISP database format 1.1; the login is the full address (%EMAILADDRESS%). */
  static String mozilla(ClientSettings s, String domain) {
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <clientConfig version="1.1">
          <emailProvider id="%1$s">
            <domain>%1$s</domain>
            <displayName>%2$s</displayName>
            <displayShortName>%2$s</displayShortName>
        """.formatted(xml(domain), xml(s.displayName())));
    if (s.imapsPort() >= 0) {
      xml.append(server("incomingServer", "imap", s.imapHost(), s.imapsPort(), "SSL"));
    }
    if (s.imapPort() >= 0) {
      xml.append(server("incomingServer", "imap", s.imapHost(), s.imapPort(), "STARTTLS"));
    }
    if (s.smtpsPort() >= 0) {
      xml.append(server("outgoingServer", "smtp", s.smtpHost(), s.smtpsPort(), "SSL"));
    }
    if (s.submissionPort() >= 0) {
      xml.append(server("outgoingServer", "smtp", s.smtpHost(), s.submissionPort(), "STARTTLS"));
    }
    return xml.append("  </emailProvider>\n</clientConfig>\n").toString();
  }

  private static String server(String element, String type, String host, int port, String socketType) {
    return """
            <%1$s type="%2$s">
              <hostname>%3$s</hostname>
              <port>%4$d</port>
              <socketType>%5$s</socketType>
              <authentication>password-cleartext</authentication>
              <username>%%EMAILADDRESS%%</username>
            </%1$s>
        """.formatted(element, type, xml(host), port, socketType);
  }

  /**
   * An unsigned Apple configuration profile with one mail account (com.apple.mail.managed). Its UUIDs are derived
   * from the address, so downloading it again replaces the account instead of adding a second one.
   */
  static String apple(ClientSettings s, String address) {
    boolean imapTls = s.imapsPort() >= 0;
    boolean smtpTls = s.smtpsPort() >= 0;
    String id = "eu.sovereignmail." + s.imapHost();
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>PayloadContent</key>
          <array>
            <dict>
              <key>EmailAccountDescription</key><string>%1$s</string>
              <key>EmailAccountName</key><string>%2$s</string>
              <key>EmailAccountType</key><string>EmailTypeIMAP</string>
              <key>EmailAddress</key><string>%2$s</string>
              <key>IncomingMailServerAuthentication</key><string>EmailAuthPassword</string>
              <key>IncomingMailServerHostName</key><string>%3$s</string>
              <key>IncomingMailServerPortNumber</key><integer>%4$d</integer>
              <key>IncomingMailServerUseSSL</key><%5$s/>
              <key>IncomingMailServerUsername</key><string>%2$s</string>
              <key>OutgoingMailServerAuthentication</key><string>EmailAuthPassword</string>
              <key>OutgoingMailServerHostName</key><string>%6$s</string>
              <key>OutgoingMailServerPortNumber</key><integer>%7$d</integer>
              <key>OutgoingMailServerUseSSL</key><%8$s/>
              <key>OutgoingMailServerUsername</key><string>%2$s</string>
              <key>OutgoingPasswordSameAsIncomingPassword</key><true/>
              <key>PayloadDisplayName</key><string>%1$s (%2$s)</string>
              <key>PayloadIdentifier</key><string>%9$s.account.%10$s</string>
              <key>PayloadType</key><string>com.apple.mail.managed</string>
              <key>PayloadUUID</key><string>%10$s</string>
              <key>PayloadVersion</key><integer>1</integer>
            </dict>
          </array>
          <key>PayloadDisplayName</key><string>%1$s</string>
          <key>PayloadIdentifier</key><string>%9$s.profile.%11$s</string>
          <key>PayloadRemovalDisallowed</key><false/>
          <key>PayloadType</key><string>Configuration</string>
          <key>PayloadUUID</key><string>%11$s</string>
          <key>PayloadVersion</key><integer>1</integer>
        </dict>
        </plist>
        """.formatted(xml(s.displayName()), xml(address), xml(s.imapHost()), imapTls ? s.imapsPort() : s.imapPort(),
        imapTls ? "true" : "false", xml(s.smtpHost()), smtpTls ? s.smtpsPort() : s.submissionPort(),
        smtpTls ? "true" : "false", xml(id), uuid("account:" + address), uuid("profile:" + address));
  }

  /** A page for people: what to type into any client, and a form for the Apple profile. */
  static String help(ClientSettings s) {
    StringBuilder rows = new StringBuilder();
    if (s.imapsPort() >= 0) {
      rows.append(row("Incoming (IMAP)", s.imapHost(), s.imapsPort(), "SSL/TLS"));
    }
    if (s.imapPort() >= 0) {
      rows.append(row("Incoming (IMAP)", s.imapHost(), s.imapPort(), "STARTTLS"));
    }
    if (s.smtpsPort() >= 0) {
      rows.append(row("Outgoing (SMTP)", s.smtpHost(), s.smtpsPort(), "SSL/TLS"));
    }
    if (s.submissionPort() >= 0) {
      rows.append(row("Outgoing (SMTP)", s.smtpHost(), s.submissionPort(), "STARTTLS"));
    }
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>%1$s: set up your mail client</title></head>
        <body>
        <h1>Set up your mail client for %1$s</h1>
        <p>Most clients (Thunderbird, Apple Mail, Outlook, K-9, phones) only need your email address and password and
        find the rest themselves. If yours asks, use:</p>
        <table border="1" cellpadding="4">
        <tr><th>Server</th><th>Host name</th><th>Port</th><th>Security</th></tr>
        %2$s</table>
        <p>User name: your full email address. Password: your usual password (or an app password if your account asks
        for a second factor). Authentication: normal password.</p>
        <h2>iPhone, iPad, Mac</h2>
        <form method="get" action="%3$s">
        <label>Email address <input type="email" name="emailaddress" required></label>
        <button type="submit">Download the configuration profile</button>
        </form>
        </body>
        </html>
        """.formatted(xml(s.displayName()), rows, AutoconfigModule.APPLE);
  }

  private static String row(String what, String host, int port, String security) {
    return "<tr><td>" + what + "</td><td>" + xml(host) + "</td><td>" + port + "</td><td>" + security + "</td></tr>\n";
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT);
  }

  /** Escapes text for XML and HTML element content and attribute values. */
  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
