package dev.symphony.server.store.s3;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where snapshots live: a bucket and a key prefix, written {@code s3://bucket/prefix}. The prefix
 * may be empty; when present, keys are {@code prefix/<room>.ydoc}.
 */
public record S3Location(String bucket, String prefix) {

  public S3Location {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("the bucket name must not be empty");
    }
    prefix = prefix == null ? "" : strip(prefix);
  }

  /** Reads {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
  public static S3Location parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid s3://bucket/prefix address: " + text);
    }
    if (!"s3".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("expected s3://bucket/prefix, not " + text);
    }
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("no bucket in " + text + " (expected s3://bucket/prefix)");
    }
    return new S3Location(bucket, uri.getPath());
  }

  /** The object key of a snapshot file name. */
  public String key(String fileName) {
    return prefix.isEmpty() ? fileName : prefix + "/" + fileName;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  private static String strip(String prefix) {
    String stripped = prefix;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
