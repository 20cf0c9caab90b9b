package eu.sovereignmail.archive.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.blob.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against the examples AWS publishes for Signature Version 4: the general test suite's
 * {@code get-vanilla} case and the worked S3 examples of "Authenticating Requests: Using the Authorization
 * Header" (GET object with a range, PUT object, GET bucket lifecycle, list objects), with their example
 * credentials.
 */
class SigV4Test {
  private static final String S3_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String S3_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final SigV4 S3 = new SigV4(S3_ACCESS_KEY, S3_SECRET_KEY, "us-east-1", "s3");
  private static final String S3_HOST = "examplebucket.s3.amazonaws.com";
  private static final String S3_DATE = "20130524T000000Z";

  @Test
  void generalTestSuiteGetVanilla() {
    SigV4 signer = new SigV4("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    String authorization = signer.authorization("GET", "/", Map.of(),
        Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), SigV4.EMPTY_PAYLOAD_SHA256);
    assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
        + " SignedHeaders=host;x-amz-date,"
        + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void s3GetObjectWithRange() {
    Map<String, String> headers = s3Headers(SigV4.EMPTY_PAYLOAD_SHA256);
    headers.put("Range", "bytes=0-9");
    assertThat(SigV4.canonicalRequest("GET", "/test.txt", Map.of(), headers)).isEqualTo("""
        GET
        /test.txt

        host:examplebucket.s3.amazonaws.com
        range:bytes=0-9
        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        x-amz-date:20130524T000000Z

        host;range;x-amz-content-sha256;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    assertThat(S3.authorization("GET", "/test.txt", Map.of(), headers, SigV4.EMPTY_PAYLOAD_SHA256))
        .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void s3PutObject() {
    String payload = BlobId.of("Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII)).hex();
    assertThat(payload).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    Map<String, String> headers = s3Headers(payload);
    headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
    headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
    assertThat(S3.authorization("PUT", "/" + SigV4.encode("test$file.text", false), Map.of(), headers, payload))
        .endsWith("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            + " Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }

  @Test
  void s3GetBucketLifecycleWithAnEmptyQueryValue() {
    assertThat(S3.authorization("GET", "/", Map.of("lifecycle", ""), s3Headers(SigV4.EMPTY_PAYLOAD_SHA256),
            SigV4.EMPTY_PAYLOAD_SHA256))
        .endsWith("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  }

  @Test
  void s3ListObjectsSortsTheQuery() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("prefix", "J");
    query.put("max-keys", "2");
    assertThat(S3.authorization("GET", "/", query, s3Headers(SigV4.EMPTY_PAYLOAD_SHA256), SigV4.EMPTY_PAYLOAD_SHA256))
        .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void encodesLikeSigV4() {
    assertThat(SigV4.encode("a b/c~d_e.f-g$", false)).isEqualTo("a%20b/c~d_e.f-g%24");
    assertThat(SigV4.encode("a/b=c", true)).isEqualTo("a%2Fb%3Dc");
    assertThat(SigV4.encode("é", true)).isEqualTo("%C3%A9");
  }

  private static Map<String, String> s3Headers(String payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", S3_HOST);
    headers.put("x-amz-content-sha256", payload);
    headers.put("x-amz-date", S3_DATE);
    return headers;
  }
}
