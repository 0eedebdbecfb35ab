package dev.symphony.server.transport;

import dev.symphony.server.auth.SecurityConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;

/**
 * TLS on the listener from PEM files, for deployments without a terminating proxy: clients then
 * connect to {@code wss://host:port/<room>}.
 */
final class ListenerTls {

  private ListenerTls() {}

  /** The server's TLS context, or null without TLS; unreadable files fail with one line. */
  static SslContext context(SecurityConfig.TlsFiles files) {
    if (files == null) {
      return null;
    }
    for (var file : new java.nio.file.Path[] {files.certificateChain(), files.privateKey()}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("TLS: cannot read " + file);
      }
    }
    try {
      return SslContextBuilder.forServer(
              files.certificateChain().toFile(), files.privateKey().toFile())
          .build();
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "TLS: cannot use certificate "
              + files.certificateChain()
              + " with key "
              + files.privateKey()
              + " (PEM certificate chain and unencrypted PKCS#8 key expected): "
              + e.getMessage(),
          e);
    }
  }
}
