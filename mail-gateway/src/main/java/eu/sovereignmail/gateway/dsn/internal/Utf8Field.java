package eu.sovereignmail.gateway.dsn.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * A header field written exactly as given, in UTF-8: mime4j's own fields turn octets beyond ASCII into '?', but the
 * To of a DSN for an SMTPUTF8 sender must carry the address as it is (RFC 6532). The caller keeps it one line.
 */
public record Utf8Field(String name, String body) implements Field {
  public Utf8Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    if (body.indexOf('\r') >= 0 || body.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header field " + name + " must not contain CR or LF");
    }
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getBody() {
    return body;
  }

  @Override
  public ByteSequence getRaw() {
    byte[] bytes = (name + ": " + body).getBytes(StandardCharsets.UTF_8);
    return new ByteArrayBuffer(bytes, true);
  }

  @Override
  public ByteSequence getSafeRaw() {
    return getRaw();
  }
}
