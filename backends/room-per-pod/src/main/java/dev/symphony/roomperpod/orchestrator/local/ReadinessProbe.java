package dev.symphony.roomperpod.orchestrator.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a room process's {@code /readyz} over a plain socket: one short HTTP/1.1 exchange, so that
 * polling every few milliseconds during a cold start costs next to nothing.
 */
final class ReadinessProbe {

  private static final int CONNECT_TIMEOUT_MS = 250;
  private static final int READ_TIMEOUT_MS = 1000;
  private static final byte[] REQUEST =
      "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private ReadinessProbe() {}

  /** Whether {@code host:port} answers {@code /readyz} with 200. */
  static boolean ready(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(REQUEST);
      out.flush();
      return statusLine(socket.getInputStream()).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
