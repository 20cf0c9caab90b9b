package eu.sovereignmail.gateway.smtp.parse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** RFC 3461 4 xtext, the encoding of ENVID, ORCPT and AUTH= values: {@code +XX} for octets outside 33..126, '+', '='. */
public final class XText {
  private static final String HEX = "0123456789ABCDEF";

  private XText() {}

  /** The decoded value, or empty when {@code text} is not valid xtext (bad character or {@code +} escape). */
  public static Optional<String> decode(String text) {
    byte[] out = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        if (i + 2 >= text.length()) {
          return Optional.empty();
        }
        int hi = HEX.indexOf(text.charAt(i + 1));
        int lo = HEX.indexOf(text.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c >= 33 && c <= 126 && c != '=') {
        out[n++] = (byte) c;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new String(out, 0, n, StandardCharsets.UTF_8));
  }

  public static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 33 && c <= 126 && c != '+' && c != '=') {
        out.append((char) c);
      } else {
        out.append('+').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
      }
    }
    return out.toString();
  }
}
