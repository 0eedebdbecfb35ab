package dev.symphony.server.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to a server's document API, for the tests. */
final class ApiHttp {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;
  private final String token;

  /**
   * @param token the admin token sent as a bearer token, or null for none
   */
  ApiHttp(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
    return HTTP.send(
        request(path)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String json) throws Exception {
    return post(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(
        request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }
}
