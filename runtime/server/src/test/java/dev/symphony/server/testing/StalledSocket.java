package dev.symphony.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client at the TCP level that completes the handshake and then reads nothing: the
 * slowest possible receiver. (The JDK's client keeps reading into memory even without demand.)
 */
public final class StalledSocket implements AutoCloseable {

  private final Socket socket;

  private StalledSocket(Socket socket) {
    this.socket = socket;
  }

  public static StalledSocket connect(int port, String roomId) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setReceiveBufferSize(16 * 1024);
    String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
    String request =
        "GET /"
            + roomId
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + headers);
      }
      headers.append((char) b);
    }
    if (!headers.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + headers);
    }
    return new StalledSocket(socket);
  }

  /**
   * Reads everything the server had sent until it closed the connection; returns the byte count, or
   * -1 when the connection is still open after {@code timeoutMillis} of silence.
   */
  public long drainUntilClosed(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
      return total;
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      return total; // reset by the server: closed as well
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
