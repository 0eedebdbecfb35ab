package dev.symphony.server.store.s3;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client from {@link S3Settings}. */
final class S3Clients {

  /** The signing region for custom endpoints when none is given (MinIO and S3Proxy accept it). */
  static final Region DEFAULT_CUSTOM_REGION = Region.US_EAST_1;

  private S3Clients() {}

  static S3Client create(S3Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(settings.credentials())
            .forcePathStyle(settings.pathStyle())
            // Newer SDKs add CRC checksums (with chunked trailers) to every upload by default;
            // GCS interoperability and many S3-compatible servers reject those. Only send them
            // where an operation requires one.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                override ->
                    override
                        .apiCallTimeout(settings.callTimeout())
                        .apiCallAttemptTimeout(settings.callTimeout().dividedBy(2)));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.region() != null && !settings.region().isBlank()) {
      builder.region(Region.of(settings.region().strip()));
    } else if (settings.endpoint() != null) {
      builder.region(DEFAULT_CUSTOM_REGION);
    }
    return builder.build();
  }
}
