package dev.symphony.server.store.s3;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server in this JVM for tests: S3Proxy over a folder. It can be stopped and started
 * again on the same port and folder, which is how tests make storage fail and come back.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String ACCESS_KEY = "symphony-test";
  public static final String SECRET_KEY = "symphony-test-secret";

  private final Path folder;
  private final int port;
  private S3Proxy proxy;

  private S3ProxyServer(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Starts on a free port, storing buckets as sub-folders of {@code folder}. */
  public static S3ProxyServer start(Path folder) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    S3ProxyServer server = new S3ProxyServer(folder, port);
    server.resume();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Settings that reach this server (path-style, static test credentials). */
  public S3Settings settings(String bucket, String prefix) {
    return S3Settings.of(new S3Location(bucket, prefix))
        .withEndpoint(endpoint())
        .withPathStyle(true)
        .withRegion("us-east-1")
        .withCredentials(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  public void createBucket(String bucket) {
    try (var client = S3Clients.create(settings(bucket, ""))) {
      client.createBucket(request -> request.bucket(bucket));
    }
  }

  /** Stops answering: connections to the port are refused until {@link #resume()}. */
  public synchronized void pause() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
  }

  /** (Re)starts serving on the same port and folder. */
  public synchronized void resume() throws Exception {
    if (proxy != null) {
      return;
    }
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(folder.toString()))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    started.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(started.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + started.getState());
      }
      Thread.sleep(10);
    }
    proxy = started;
  }

  @Override
  public void close() throws Exception {
    pause();
  }
}
