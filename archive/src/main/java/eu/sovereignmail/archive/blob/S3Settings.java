package eu.sovereignmail.archive.blob;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an {@link S3BlobStore} keeps blobs: any S3-compatible endpoint (OVHcloud, Scaleway, MinIO, AWS),
 * its region, bucket and credentials. Validated when built; errors name the configuration key;
 * {@code toString} hides the secret.
 *
 * @param endpoint {@code archive.s3.endpoint}, e.g. {@code https://s3.gra.io.cloud.ovh.net}
 * @param region {@code archive.s3.region}, e.g. {@code gra} (the one signatures are scoped to)
 * @param bucket {@code archive.s3.bucket}
 * @param accessKey {@code archive.s3.access-key}
 * @param secretKey {@code archive.s3.secret-key} (never printed)
 * @param pathStyle {@code archive.s3.path-style}: {@code true} for {@code endpoint/bucket/key} (MinIO and most
 *     self-hosted servers), {@code false} for {@code bucket.endpoint/key}
 * @param prefix {@code archive.s3.prefix}: prepended to every object key (empty, or ending with {@code /})
 */
public record S3Settings(
    URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle, String prefix) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Settings {
    Objects.requireNonNull(endpoint, "archive.s3.endpoint must be set");
    if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("archive.s3.endpoint must be an http(s) URL with a host, was " + endpoint);
    }
    if (endpoint.getPath() != null && !endpoint.getPath().isEmpty() && !endpoint.getPath().equals("/")) {
      throw new IllegalArgumentException("archive.s3.endpoint must not have a path (put it in archive.s3.prefix)");
    }
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("archive.s3.region must be set (e.g. gra, fr-par, us-east-1)");
    }
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("archive.s3.bucket must be a valid bucket name (3-63 of a-z 0-9 . -), was " + bucket);
    }
    if (accessKey == null || accessKey.isBlank()) {
      throw new IllegalArgumentException("archive.s3.access-key must be set");
    }
    if (secretKey == null || secretKey.isEmpty()) {
      throw new IllegalArgumentException("archive.s3.secret-key must be set");
    }
    prefix = prefix == null ? "" : prefix;
    if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
      throw new IllegalArgumentException("archive.s3.prefix must end with '/' and not start with one, was " + prefix);
    }
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey=" + accessKey
        + ", secretKey=***, pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
  }
}
