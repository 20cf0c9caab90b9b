package eu.sovereignmail.archive.blob.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import eu.sovereignmail.archive.blob.BlobId;

/**
 * AWS Signature Version 4 (header form), as S3-compatible stores (OVHcloud, Scaleway, MinIO, AWS) expect it:
 * canonical request, string to sign, the derived signing key, the {@code Authorization} header. Pure:
 * the caller supplies every signed header (including {@code host} and {@code x-amz-date}) and the payload
 * hash, so it is checked against the published test vectors.
 */
public final class SigV4 {
  /** The algorithm name in the header and the string to sign. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** The SHA-256 of an empty payload. */
  public static final String EMPTY_PAYLOAD_SHA256 = BlobId.of(new byte[0]).hex();

  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final String service;

  public SigV4(String accessKey, String secretKey, String region, String service) {
    this.accessKey = Objects.requireNonNull(accessKey);
    this.secretKey = Objects.requireNonNull(secretKey);
    this.region = Objects.requireNonNull(region);
    this.service = Objects.requireNonNull(service);
  }

  /**
   * The {@code Authorization} header value for a request.
   *
   * @param method the HTTP method
   * @param canonicalUri the path, already URI-encoded as sent (S3 does not encode it twice)
   * @param query the query parameters, not encoded (an empty value is {@code ""})
   * @param headers every header to sign, must include {@code host} and {@code x-amz-date}
   *     ({@code yyyyMMdd'T'HHmmss'Z'}); names are matched without case
   * @param payloadSha256 the hex SHA-256 of the body (for S3 also sent as {@code x-amz-content-sha256})
   */
  public String authorization(String method, String canonicalUri, Map<String, String> query, Map<String, String> headers,
      String payloadSha256) {
    Map<String, String> canonicalHeaders = canonicalHeaders(headers);
    String amzDate = canonicalHeaders.get("x-amz-date");
    if (amzDate == null || amzDate.length() != 16 || !canonicalHeaders.containsKey("host")) {
      throw new IllegalArgumentException("SigV4 needs the host and x-amz-date (yyyyMMdd'T'HHmmss'Z') headers");
    }
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String request = canonicalRequest(method, canonicalUri, query, canonicalHeaders, signedHeaders, payloadSha256);
    String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(request);
    String signature = HexFormat.of().formatHex(hmac(signingKey(amzDate.substring(0, 8)), stringToSign));
    return ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
        + ", Signature=" + signature;
  }

  /** The canonical request the signature covers (exposed for tests against the published examples). */
  public static String canonicalRequest(String method, String canonicalUri, Map<String, String> query,
      Map<String, String> headers) {
    Map<String, String> canonicalHeaders = canonicalHeaders(headers);
    String payload = canonicalHeaders.getOrDefault("x-amz-content-sha256", EMPTY_PAYLOAD_SHA256);
    return canonicalRequest(method, canonicalUri, query, canonicalHeaders, String.join(";", canonicalHeaders.keySet()),
        payload);
  }

  private static String canonicalRequest(String method, String canonicalUri, Map<String, String> query,
      Map<String, String> canonicalHeaders, String signedHeaders, String payloadSha256) {
    StringBuilder request = new StringBuilder(method).append('\n').append(canonicalUri).append('\n');
    Map<String, String> sortedQuery = new TreeMap<>();
    query.forEach((name, value) -> sortedQuery.put(encode(name, true), encode(value, true)));
    request.append(sortedQuery.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"))).append('\n');
    canonicalHeaders.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
    return request.append('\n').append(signedHeaders).append('\n').append(payloadSha256).toString();
  }

  /**
   * URI-encodes {@code value} the way SigV4 wants: every byte except {@code A-Z a-z 0-9 - _ . ~} as
   * {@code %XY} (upper-case hex); {@code /} too when {@code encodeSlash}.
   */
  public static String encode(String value, boolean encodeSlash) {
    StringBuilder out = new StringBuilder(value.length() * 2);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
      }
    }
    return out.toString();
  }

  private static Map<String, String> canonicalHeaders(Map<String, String> headers) {
    Map<String, String> canonical = new TreeMap<>();
    headers.forEach((name, value) ->
        canonical.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " ")));
    return canonical;
  }

  private byte[] signingKey(String date) {
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static String sha256Hex(String text) {
    return BlobId.of(text.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
