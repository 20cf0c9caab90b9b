package eu.sovereignmail.archive.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link S3BlobStore} against a real S3-compatible server: S3Proxy (Apache-licensed, on Maven Central as
 * {@code org.gaul:s3proxy:<version>:jar:jar-with-dependencies}) run as a child JVM with its file-system
 * backend and AWS SigV4 authentication on, so every request's signature is checked by the server. The jar
 * is found through the system property {@code s3proxy.jar}, else in the local Maven repository; without
 * it the test is skipped (see archive/README.md for the one command that fetches it).
 */
class S3BlobStoreIT {
  private static final String VERSION = "2.6.0";
  private static final Path DIR = Path.of("target", "it-s3-" + System.nanoTime()).toAbsolutePath();
  private static Process s3proxy;
  private static S3Settings settings;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    Path jar = s3proxyJar();
    Assumptions.assumeTrue(Files.isRegularFile(jar), "S3Proxy jar not found at " + jar
        + ": ./mvnw dependency:get -Dartifact=org.gaul:s3proxy:" + VERSION + ":jar:jar-with-dependencies -Dtransitive=false");
    int port = Ports.freeLoopbackPort();
    Path data = Files.createDirectories(DIR.resolve("data"));
    Path properties = DIR.resolve("s3proxy.properties");
    Files.writeString(properties, """
        s3proxy.endpoint=http://127.0.0.1:%d
        s3proxy.authorization=aws-v2-or-v4
        s3proxy.identity=archive-test
        s3proxy.credential=archive-test-secret
        jclouds.provider=filesystem
        jclouds.identity=unused
        jclouds.credential=unused
        jclouds.filesystem.basedir=%s
        """.formatted(port, data));
    String java = ProcessHandle.current().info().command().orElse("java");
    s3proxy = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
        .redirectErrorStream(true)
        .redirectOutput(DIR.resolve("s3proxy.log").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (Ports.isFree(InetAddress.getLoopbackAddress(), port)) {
      assertThat(s3proxy.isAlive()).as("S3Proxy exited; see " + DIR.resolve("s3proxy.log")).isTrue();
      assertThat(System.nanoTime()).as("S3Proxy did not listen within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
    settings = new S3Settings(URI.create("http://127.0.0.1:" + port), "us-east-1", "sovereign-archive",
        "archive-test", "archive-test-secret", true, "blobs/");
    S3BlobStore.ensureBucket(settings);
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    if (s3proxy != null) {
      s3proxy.destroy();
      s3proxy.waitFor();
    }
  }

  @Test
  void storesSealedDedupsListsAndDetectsAlteration() throws Exception {
    KeyRing keys = TestKeys.ring("k1");
    S3BlobStore store = S3BlobStore.open(settings, keys);
    byte[] first = message("first", 20_000);
    byte[] second = message("second", 3_000);

    BlobId firstId = store.put(first);
    assertThat(store.put(first)).isEqualTo(firstId);
    BlobId secondId = store.put(second);

    assertThat(store.get(firstId)).isEqualTo(first);
    assertThat(store.get(secondId)).isEqualTo(second);
    assertThat(store.exists(firstId)).isTrue();
    BlobId absent = BlobId.of("never stored".getBytes(StandardCharsets.US_ASCII));
    assertThat(store.exists(absent)).isFalse();
    assertThatThrownBy(() -> store.get(absent)).isInstanceOf(BlobNotFoundException.class);
    try (Stream<BlobId> ids = store.ids()) {
      assertThat(ids.toList()).containsExactlyInAnyOrder(firstId, secondId);
    }
    BlobUsage usage = store.usage();
    assertThat(usage.blobs()).isEqualTo(2);
    assertThat(usage.storedBytes()).isPositive().isLessThan(first.length + second.length);

    // What the server keeps is sealed: no plain text in it; one flipped bit is caught on read.
    Path object;
    try (Stream<Path> files = Files.walk(DIR.resolve("data"))) {
      object = files.filter(p -> p.getFileName().toString().equals(firstId.hex())).findFirst().orElseThrow();
    }
    byte[] stored = Files.readAllBytes(object);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("first");
    stored[stored.length / 2] ^= 0x10;
    Files.write(object, stored);
    assertThatThrownBy(() -> store.get(firstId)).isInstanceOf(BlobIntegrityException.class);

    // A purge deletes with a signed DELETE; deleting again is not an error.
    assertThat(store.delete(secondId)).isTrue();
    assertThat(store.exists(secondId)).isFalse();
    assertThatThrownBy(() -> store.get(secondId)).isInstanceOf(BlobNotFoundException.class);
    assertThat(store.delete(secondId)).isFalse();
  }

  @Test
  void wrongCredentialsAndAMissingBucketAreClearErrors() {
    S3Settings wrongSecret = new S3Settings(settings.endpoint(), settings.region(), settings.bucket(),
        settings.accessKey(), "not-the-secret", true, "");
    assertThatThrownBy(() -> S3BlobStore.open(wrongSecret, TestKeys.ring("k1")))
        .isInstanceOf(IOException.class).hasMessageContaining("403");
    S3Settings noBucket = new S3Settings(settings.endpoint(), settings.region(), "no-such-bucket",
        settings.accessKey(), settings.secretKey(), true, "");
    assertThatThrownBy(() -> S3BlobStore.open(noBucket, TestKeys.ring("k1")))
        .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
  }

  private static byte[] message(String word, int size) {
    StringBuilder text = new StringBuilder("Subject: " + word + "\r\n\r\n");
    while (text.length() < size) {
      text.append(word).append(' ').append(text.length()).append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static Path s3proxyJar() {
    String configured = System.getProperty("s3proxy.jar");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", VERSION,
        "s3proxy-" + VERSION + "-jar-with-dependencies.jar");
  }
}
