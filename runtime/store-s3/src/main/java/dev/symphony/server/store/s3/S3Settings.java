package dev.symphony.server.store.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How to reach the S3 store.
 *
 * @param location bucket and key prefix
 * @param endpoint a non-AWS endpoint (MinIO, GCS {@code https://storage.googleapis.com}, S3Proxy),
 *     or null for AWS itself
 * @param region the signing region, or null for the SDK's default chain ({@code AWS_REGION}, the
 *     profile); with a custom endpoint and no region, {@code us-east-1}
 * @param pathStyle {@code http://endpoint/bucket/key} instead of {@code http://bucket.endpoint/key}
 *     (MinIO and most self-hosted servers need it)
 * @param credentials the credentials, by default the SDK's default chain (environment {@code
 *     AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profile, instance or pod identity)
 * @param callTimeout how long one call may take, retries included, before it counts as failed
 */
public record S3Settings(
    S3Location location,
    URI endpoint,
    String region,
    boolean pathStyle,
    AwsCredentialsProvider credentials,
    Duration callTimeout) {

  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);

  public S3Settings {
    if (location == null) {
      throw new IllegalArgumentException("an s3://bucket/prefix location is required");
    }
    if (credentials == null) {
      credentials = DefaultCredentialsProvider.builder().build();
    }
    if (callTimeout == null) {
      callTimeout = DEFAULT_CALL_TIMEOUT;
    }
  }

  /** Settings for {@code location} with every default: AWS, default region and credentials. */
  public static S3Settings of(S3Location location) {
    return new S3Settings(location, null, null, false, null, null);
  }

  public S3Settings withEndpoint(URI value) {
    return new S3Settings(location, value, region, pathStyle, credentials, callTimeout);
  }

  public S3Settings withRegion(String value) {
    return new S3Settings(location, endpoint, value, pathStyle, credentials, callTimeout);
  }

  public S3Settings withPathStyle(boolean value) {
    return new S3Settings(location, endpoint, region, value, credentials, callTimeout);
  }

  public S3Settings withCredentials(AwsCredentialsProvider value) {
    return new S3Settings(location, endpoint, region, pathStyle, value, callTimeout);
  }

  public S3Settings withCallTimeout(Duration value) {
    return new S3Settings(location, endpoint, region, pathStyle, credentials, value);
  }
}
