package dev.symphony.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one WebSocket upgrade request over a plain socket and reads the raw HTTP answer. */
record UpgradeProbe(int status, String response) {

  static UpgradeProbe send(int port, String pathAndQuery, String extraHeaders) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + pathAndQuery
                  + " HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + port
                  + "\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  + extraHeaders
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[4096];
      int n;
      // A refusal is answered and closed; a 101 stays open, so stop once its headers are in.
      while ((n = in.read(buffer)) > 0) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        if (text.toString().startsWith("HTTP/1.1 101") && text.indexOf("\r\n\r\n") > 0) {
          break;
        }
      }
      String response = text.toString();
      int status = Integer.parseInt(response.substring(9, 12));
      return new UpgradeProbe(status, response);
    }
  }

  String body() {
    int end = response.indexOf("\r\n\r\n");
    return end < 0 ? "" : response.substring(end + 4);
  }
}
