package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.protocol.MessageDecoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the listener from PEM files, with a self-signed certificate made by the JDK's keytool. */
class ListenerTlsTest {

  @TempDir Path dir;

  @Test
  void aClientTrustingTheCertificateSyncsOverWss() throws Exception {
    KeyStore keys = selfSigned();
    Certificate certificate = keys.getCertificate("symphony");
    Path cert = pem(dir.resolve("cert.pem"), "CERTIFICATE", certificate.getEncoded());
    Path key =
        pem(
            dir.resolve("key.pem"),
            "PRIVATE KEY",
            keys.getKey("symphony", "changeit".toCharArray()).getEncoded());

    try (TestServer server =
        TestServer.start(
            c ->
                c.withSecurity(
                    SecurityConfig.none().withTls(new SecurityConfig.TlsFiles(cert, key))))) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("symphony", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, factory.getTrustManagers(), null);
      CompletableFuture<byte[]> first = new CompletableFuture<>();
      WebSocket socket =
          HttpClient.newBuilder()
              .sslContext(ssl)
              .build()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("wss://127.0.0.1:" + server.server.address().getPort() + "/secure"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(
                        WebSocket ws, ByteBuffer data, boolean last) {
                      byte[] bytes = new byte[data.remaining()];
                      data.get(bytes);
                      first.complete(bytes);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);

      assertThat(MessageDecoder.decode(first.get(10, TimeUnit.SECONDS)))
          .isInstanceOf(YMessage.SyncStep1.class);
      socket.abort();
    }
  }

  @Test
  void missingFilesFailWithOneLine() {
    var files = new SecurityConfig.TlsFiles(dir.resolve("nope.pem"), dir.resolve("key.pem"));
    assertThatThrownBy(() -> ListenerTls.context(files)).hasMessageContaining("cannot read");
  }

  private KeyStore selfSigned() throws Exception {
    Path store = dir.resolve("keys.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "symphony",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    "changeit"))
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes());
    }
    assertThat(process.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    return keys;
  }

  private static Path pem(Path file, String type, byte[] der) throws Exception {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    return file;
  }
}
