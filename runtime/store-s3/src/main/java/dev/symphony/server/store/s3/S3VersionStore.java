package dev.symphony.server.store.s3;

import dev.symphony.server.store.SnapshotFileNames;
import dev.symphony.server.store.VersionBlob;
import dev.symphony.server.store.VersionRecord;
import dev.symphony.server.store.VersionStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Versions as objects beside the snapshots: {@code prefix/versions/<escaped-room-id>/<id>.version},
 * each a {@link VersionBlob} written by one PutObject (visible whole or not at all). A listing
 * lists the room's keys and reads only the first bytes of each (the header) with a ranged GET.
 */
final class S3VersionStore implements VersionStore {

  private static final String SUFFIX = ".version";

  private final S3Client client;
  private final S3Location location;

  S3VersionStore(S3Client client, S3Location location) {
    this.client = client;
    this.location = location;
  }

  /** The key prefix (ending in '/') under which one room's versions live. */
  String roomPrefix(String roomId) {
    return location.key("versions/" + SnapshotFileNames.stem(roomId) + "/");
  }

  private String key(String roomId, String versionId) {
    VersionRecord.requireValidId(versionId);
    return roomPrefix(roomId) + versionId + SUFFIX;
  }

  @Override
  public void save(String roomId, VersionRecord version, byte[] update) throws IOException {
    try {
      client.putObject(
          request ->
              request
                  .bucket(location.bucket())
                  .key(key(roomId, version.id()))
                  .contentType("application/octet-stream"),
          RequestBody.fromBytes(VersionBlob.encode(version, update)));
    } catch (SdkException e) {
      throw failure("writing version " + version.id(), roomId, e);
    }
  }

  @Override
  public List<VersionRecord> list(String roomId) throws IOException {
    List<VersionRecord> versions = new ArrayList<>();
    try {
      for (S3Object object : objects(roomId)) {
        byte[] start;
        try {
          start =
              client
                  .getObjectAsBytes(
                      request ->
                          request
                              .bucket(location.bucket())
                              .key(object.key())
                              .range("bytes=0-" + (VersionBlob.MAX_HEADER_BYTES - 1)))
                  .asByteArray();
        } catch (NoSuchKeyException e) {
          continue; // deleted by retention meanwhile
        }
        versions.add(VersionBlob.header(start, object.size()));
      }
    } catch (SdkException e) {
      throw failure("listing the versions", roomId, e);
    }
    versions.sort(Comparator.comparing(VersionRecord::id).reversed());
    return versions;
  }

  @Override
  public Optional<byte[]> load(String roomId, String versionId) throws IOException {
    try {
      byte[] blob =
          client
              .getObjectAsBytes(
                  request -> request.bucket(location.bucket()).key(key(roomId, versionId)))
              .asByteArray();
      return Optional.of(VersionBlob.update(blob));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("reading version " + versionId, roomId, e);
    }
  }

  @Override
  public boolean delete(String roomId, String versionId) throws IOException {
    String key = key(roomId, versionId);
    try {
      try {
        client.headObject(request -> request.bucket(location.bucket()).key(key));
      } catch (NoSuchKeyException e) {
        return false;
      }
      client.deleteObject(request -> request.bucket(location.bucket()).key(key));
      return true;
    } catch (SdkException e) {
      if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3
          && s3.statusCode() == 404) {
        return false;
      }
      throw failure("deleting version " + versionId, roomId, e);
    }
  }

  @Override
  public void deleteAll(String roomId) throws IOException {
    try {
      for (S3Object object : objects(roomId)) {
        client.deleteObject(request -> request.bucket(location.bucket()).key(object.key()));
      }
    } catch (SdkException e) {
      throw failure("deleting the versions", roomId, e);
    }
  }

  private List<S3Object> objects(String roomId) {
    List<S3Object> objects = new ArrayList<>();
    client
        .listObjectsV2Paginator(
            request -> request.bucket(location.bucket()).prefix(roomPrefix(roomId)))
        .contents()
        .forEach(
            object -> {
              if (object.key().endsWith(SUFFIX)) {
                objects.add(object);
              }
            });
    return objects;
  }

  private IOException failure(String what, String roomId, SdkException e) {
    return new IOException(
        what + " of room " + roomId + " in " + location + " failed: " + S3DocumentStore.reason(e),
        e);
  }
}
