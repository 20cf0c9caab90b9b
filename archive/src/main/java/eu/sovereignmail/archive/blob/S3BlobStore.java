package eu.sovereignmail.archive.blob;

import eu.sovereignmail.archive.blob.internal.Sealer;
import eu.sovereignmail.archive.blob.internal.SigV4;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Blobs in S3-compatible object storage (OVHcloud, Scaleway, MinIO, AWS), for archives that outgrow one
 * disk or must live off the gateway machine. Same sealed format and object names ({@code ab/cd/<sha256>},
 * under an optional prefix) as {@link FileBlobStore}; requests are signed with AWS Signature V4 over the
 * JDK's HTTP client, with no SDK. A {@code put} returns after the store acknowledged the object (S3's
 * durability promise), retrying transient failures.
 */
public final class S3BlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
  private static final Pattern OBJECT_NAME = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int ATTEMPTS = 3;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final S3Settings settings;
  private final Sealer sealer;
  private final SigV4 signer;
  private final HttpClient http;
  private final Clock clock;

  private S3BlobStore(S3Settings settings, Sealer sealer, Clock clock) {
    this.settings = settings;
    this.sealer = sealer;
    this.signer = new SigV4(settings.accessKey(), settings.secretKey(), settings.region(), "s3");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.clock = clock;
  }

  /** Opens the store and checks that the bucket answers with these credentials (it is not created). */
  public static S3BlobStore open(S3Settings settings, KeyRing keys) throws IOException {
    S3BlobStore store = new S3BlobStore(settings, new Sealer(keys), Clock.systemUTC());
    int status = store.send("HEAD", "", Map.of(), null).statusCode();
    if (status == 404) {
      throw new IOException("archive.s3.bucket " + settings.bucket() + " does not exist at " + settings.endpoint()
          + ": create it first");
    }
    if (status != 200) {
      throw new IOException("archive.s3: the bucket " + settings.bucket() + " at " + settings.endpoint()
          + " answered HTTP " + status + " (403: check archive.s3.access-key/secret-key/region)");
    }
    LOG.info("event=blob.store_open endpoint={} bucket={} prefix={} active_key={}", settings.endpoint(),
        settings.bucket(), settings.prefix(), keys.activeKeyId());
    return store;
  }

  /** Creates the bucket if it does not exist (for test setups and self-hosted MinIO; cloud buckets are made by the operator). */
  public static void ensureBucket(S3Settings settings) throws IOException {
    S3BlobStore store = new S3BlobStore(settings, null, Clock.systemUTC());
    if (store.send("HEAD", "", Map.of(), null).statusCode() == 200) {
      return;
    }
    byte[] body = "us-east-1".equals(settings.region()) ? new byte[0]
        : ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
            + settings.region() + "</LocationConstraint></CreateBucketConfiguration>").getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = store.send("PUT", "", Map.of(), body);
    if (response.statusCode() != 200) {
      throw store.failure("create bucket", response);
    }
    LOG.info("event=blob.bucket_created endpoint={} bucket={}", settings.endpoint(), settings.bucket());
  }

  @Override
  public BlobId put(byte[] raw) throws IOException {
    BlobId id = BlobId.of(raw);
    if (exists(id)) {
      LOG.debug("event=blob.dedup id={}", id);
      return id;
    }
    byte[] sealed = sealer.seal(id, raw);
    HttpResponse<byte[]> response = send("PUT", objectKey(id), Map.of(), sealed);
    if (response.statusCode() != 200) {
      throw failure("put " + id, response);
    }
    LOG.debug("event=blob.put id={} raw_bytes={} stored_bytes={}", id, raw.length, sealed.length);
    return id;
  }

  @Override
  public byte[] get(BlobId id) throws IOException {
    HttpResponse<byte[]> response = send("GET", objectKey(id), Map.of(), null);
    if (response.statusCode() == 404) {
      throw new BlobNotFoundException(id);
    }
    if (response.statusCode() != 200) {
      throw failure("get " + id, response);
    }
    return sealer.open(id, response.body());
  }

  @Override
  public boolean exists(BlobId id) throws IOException {
    HttpResponse<byte[]> response = send("HEAD", objectKey(id), Map.of(), null);
    return switch (response.statusCode()) {
      case 200 -> true;
      case 404 -> false;
      default -> throw failure("head " + id, response);
    };
  }

  /** A signed DELETE of the object (S3 answers 204 whether or not it existed, so a HEAD tells which). */
  @Override
  public boolean delete(BlobId id) throws IOException {
    boolean existed = exists(id);
    HttpResponse<byte[]> response = send("DELETE", objectKey(id), Map.of(), null);
    if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
      throw failure("delete " + id, response);
    }
    LOG.info("event=blob.delete id={} deleted={}", id, existed);
    return existed;
  }

  /** Every stored id; reads the whole listing (pages of 1,000) before returning. */
  @Override
  public Stream<BlobId> ids() throws IOException {
    return list().stream().map(StoredObject::id);
  }

  @Override
  public BlobUsage usage() throws IOException {
    List<StoredObject> objects = list();
    return new BlobUsage(objects.size(), objects.stream().mapToLong(StoredObject::size).sum());
  }

  private record StoredObject(BlobId id, long size) {}

  /** ListObjectsV2 under the prefix, every page; objects that are not blobs are skipped. */
  private List<StoredObject> list() throws IOException {
    List<StoredObject> objects = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("list-type", "2");
      if (!settings.prefix().isEmpty()) {
        query.put("prefix", settings.prefix());
      }
      if (token != null) {
        query.put("continuation-token", token);
      }
      HttpResponse<byte[]> response = send("GET", "", query, null);
      if (response.statusCode() != 200) {
        throw failure("list", response);
      }
      Element result = parse(response.body()).getDocumentElement();
      NodeList contents = result.getElementsByTagNameNS("*", "Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        Element content = (Element) contents.item(i);
        String key = text(content, "Key");
        var matcher = OBJECT_NAME.matcher(key.substring(Math.min(key.length(), settings.prefix().length())));
        if (key.startsWith(settings.prefix()) && matcher.matches()) {
          objects.add(new StoredObject(new BlobId(matcher.group(1)), Long.parseLong(text(content, "Size"))));
        }
      }
      token = "true".equals(text(result, "IsTruncated")) ? text(result, "NextContinuationToken") : null;
    } while (token != null && !token.isEmpty());
    return objects;
  }

  /** The object key of {@code id}: the prefix, then the same fan-out as the file store. */
  public String objectKey(BlobId id) {
    String hex = id.hex();
    return settings.prefix() + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
  }

  /** Sends one signed request for {@code key} ({@code ""}: the bucket), retrying I/O errors and 5xx answers. */
  private HttpResponse<byte[]> send(String method, String key, Map<String, String> query, byte[] body) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<byte[]> response = http.send(request(method, key, query, body), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() < 500 || attempt == ATTEMPTS) {
          return response;
        }
        LOG.warn("event=blob.s3_retry method={} status={} attempt={}", method, response.statusCode(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during S3 " + method);
      } catch (IOException e) {
        last = e;
        LOG.warn("event=blob.s3_retry method={} error=\"{}\" attempt={}", method, e.toString(), attempt);
      }
      pause(attempt);
    }
    throw new IOException("S3 " + method + " to " + settings.endpoint() + " failed " + ATTEMPTS + " times", last);
  }

  private HttpRequest request(String method, String key, Map<String, String> query, byte[] body) {
    String host = settings.pathStyle() ? authority(settings.endpoint())
        : settings.bucket() + "." + authority(settings.endpoint());
    String path = (settings.pathStyle() ? "/" + settings.bucket() + (key.isEmpty() ? "" : "/") : "/")
        + SigV4.encode(key, false);
    String canonicalQuery = query.entrySet().stream()
        .map(e -> SigV4.encode(e.getKey(), true) + "=" + SigV4.encode(e.getValue(), true))
        .collect(Collectors.joining("&"));
    URI uri = URI.create(settings.endpoint().getScheme() + "://" + host + path
        + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    String payloadHash = body == null ? SigV4.EMPTY_PAYLOAD_SHA256 : BlobId.of(body).hex();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", host);
    headers.put("x-amz-content-sha256", payloadHash);
    headers.put("x-amz-date", AMZ_DATE.format(clock.instant()));
    String authorization = signer.authorization(method, path, query, headers, payloadHash);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("x-amz-content-sha256", payloadHash)
        .header("x-amz-date", headers.get("x-amz-date"))
        .header("Authorization", authorization);
    return switch (method) {
      case "PUT" -> builder.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      case "GET" -> builder.GET().build();
      default -> builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    };
  }

  /** host[:port] as the HTTP client sends it in the Host header (which SigV4 signs). */
  private static String authority(URI endpoint) {
    return endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
  }

  private IOException failure(String what, HttpResponse<byte[]> response) {
    String code = "";
    try {
      if (response.body() != null && response.body().length > 0) {
        code = " " + text(parse(response.body()).getDocumentElement(), "Code");
      }
    } catch (IOException notXml) {
      // no S3 error document: the status says enough
    }
    return new IOException("S3 " + what + " in bucket " + settings.bucket() + ": HTTP " + response.statusCode() + code);
  }

  private static Document parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("S3 answered with XML that cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagNameNS("*", name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  private static void pause(int attempt) throws InterruptedIOException {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted between S3 retries");
    }
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + settings.endpoint() + "/" + settings.bucket() + "/" + settings.prefix() + "]";
  }
}
