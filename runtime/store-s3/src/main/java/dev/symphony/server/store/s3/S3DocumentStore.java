package dev.symphony.server.store.s3;

import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.SnapshotFileNames;
import dev.symphony.server.store.VersionStore;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Snapshots as objects in an S3 bucket (AWS S3, GCS in interoperability mode, MinIO, any server
 * speaking the S3 protocol), one object per room under the configured prefix: {@code
 * prefix/<escaped-room-id>.ydoc}, named as the file store names its files. A snapshot is written by
 * one PutObject, which S3 makes visible all at once or not at all, so readers see the old or the
 * new snapshot, never a mix. Versions live under {@code prefix/versions/} ({@link S3VersionStore}).
 */
public final class S3DocumentStore implements DocumentStore, AutoCloseable {

  private final S3Client client;
  private final S3Location location;
  private final S3VersionStore versions;

  S3DocumentStore(S3Client client, S3Location location) {
    this.client = client;
    this.location = location;
    this.versions = new S3VersionStore(client, location);
  }

  /**
   * Connects and checks that the bucket exists and answers, so bad settings stop start-up instead
   * of failing the first checkpoint.
   *
   * @throws IllegalStateException with a one-line reason when the bucket cannot be used
   */
  public static S3DocumentStore open(S3Settings settings) {
    S3Client client = S3Clients.create(settings);
    try {
      client.headBucket(request -> request.bucket(settings.location().bucket()));
    } catch (NoSuchBucketException e) {
      client.close();
      throw new IllegalStateException(
          "bucket '" + settings.location().bucket() + "' does not exist" + where(settings));
    } catch (SdkException e) {
      client.close();
      throw new IllegalStateException(
          "cannot use " + settings.location() + where(settings) + ": " + reason(e), e);
    }
    return new S3DocumentStore(client, settings.location());
  }

  public S3Location location() {
    return location;
  }

  @Override
  public Optional<byte[]> load(String roomId) throws IOException {
    try {
      return Optional.of(
          client
              .getObjectAsBytes(request -> request.bucket(location.bucket()).key(key(roomId)))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("reading", roomId, e);
    }
  }

  @Override
  public void save(String roomId, byte[] snapshot) throws IOException {
    try {
      client.putObject(
          request ->
              request
                  .bucket(location.bucket())
                  .key(key(roomId))
                  .contentType("application/octet-stream"),
          RequestBody.fromBytes(snapshot));
    } catch (SdkException e) {
      throw failure("writing", roomId, e);
    }
  }

  @Override
  public void delete(String roomId) throws IOException {
    try {
      client.deleteObject(request -> request.bucket(location.bucket()).key(key(roomId)));
    } catch (SdkException e) {
      throw failure("deleting", roomId, e);
    }
    versions.deleteAll(roomId);
  }

  @Override
  public VersionStore versions() {
    return versions;
  }

  @Override
  public void close() {
    client.close();
  }

  /** The object key of a room's snapshot. */
  String key(String roomId) {
    return location.key(SnapshotFileNames.of(roomId));
  }

  private IOException failure(String what, String roomId, SdkException e) {
    return new IOException(
        what + " the snapshot of room " + roomId + " in " + location + " failed: " + reason(e), e);
  }

  private static String where(S3Settings settings) {
    return settings.endpoint() == null ? "" : " at " + settings.endpoint();
  }

  /** The SDK's messages are long; the status code and the first line say enough. */
  static String reason(SdkException e) {
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      return s3.statusCode() + " " + s3.awsErrorDetails().errorCode();
    }
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
