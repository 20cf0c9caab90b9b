package eu.sovereignmail.gateway.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;

/** A DSN parsed back with mime4j, so tests assert on its MIME structure and its status fields, not on byte layout. */
record ParsedDsn(Message message, List<Entity> parts, Map<String, String> perMessage, List<Map<String, String>> perRecipient) {

  static ParsedDsn parse(byte[] bytes) throws IOException {
    Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(bytes));
    assertThat(message.getMimeType()).isEqualTo("multipart/report");
    List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
    assertThat(parts).hasSize(3);
    assertThat(parts.get(1).getMimeType()).isEqualTo("message/delivery-status");
    String status = text(parts.get(1));
    assertThat(status).endsWith("\r\n").doesNotEndWith("\r\n\r\n");
    String[] groups = status.replace("\r\n ", " ").split("\r\n\r\n");
    List<Map<String, String>> recipients = new ArrayList<>();
    for (int i = 1; i < groups.length; i++) {
      if (!groups[i].isBlank()) {
        recipients.add(fields(groups[i]));
      }
    }
    return new ParsedDsn(message, parts, fields(groups[0]), recipients);
  }

  static String text(Entity part) throws IOException {
    try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  String header(String name) {
    var field = message.getHeader().getField(name);
    return field == null ? null : field.getBody();
  }

  private static Map<String, String> fields(String group) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : group.split("\r\n")) {
      if (!line.isEmpty()) {
        int colon = line.indexOf(':');
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }
}
