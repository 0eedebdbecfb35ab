package dev.symphony.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.auth.TokenVerifier;
import dev.symphony.server.embed.Symphony;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.server.testing.TestServer;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The document API's answers to good and bad requests, and that a refused one changes nothing. */
class DocumentApiTest {

  private static final byte[] ROOM_TOKEN_SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static byte[] textUpdate(String text) {
    YDoc doc = new YDoc();
    doc.getText("text").insert(0, text);
    return doc.encodeStateAsUpdate();
  }

  private static YDoc read(ApiHttp http, String room) throws Exception {
    HttpResponse<byte[]> response = http.get("/api/rooms/" + room + "/update");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    YDoc doc = new YDoc();
    doc.applyUpdate(response.body());
    return doc;
  }

  private static byte[] documentBytes(ApiHttp http, String room) throws Exception {
    return http.get("/api/rooms/" + room + "/update").body();
  }

  @Test
  void postedUpdateIsReadBackWholeOrAsDiff() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      YDoc writer = new YDoc();
      writer.getText("text").insert(0, "first");
      byte[] first = writer.encodeStateAsUpdate();
      byte[] afterFirst = writer.encodeStateVector();
      HttpResponse<String> posted =
          http.post("/api/rooms/r1/update", first, "application/octet-stream");
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      assertThat(posted.body()).contains("\"room\":\"r1\"").contains("\"stateVector\"");

      writer.getText("text").insert(5, " second");
      assertThat(
              http.post(
                      "/api/rooms/r1/update",
                      writer.encodeStateAsUpdate(afterFirst),
                      "application/octet-stream")
                  .statusCode())
          .isEqualTo(200);

      assertThat(read(http, "r1").getText("text").toString()).isEqualTo("first second");
      // A peer that has the first part gets only the rest.
      String vector = Base64.getEncoder().encodeToString(afterFirst);
      HttpResponse<byte[]> diff =
          http.get("/api/rooms/r1/update?stateVector=" + vector.replace("+", "%2B"));
      assertThat(diff.statusCode()).isEqualTo(200);
      YDoc peer = new YDoc();
      peer.applyUpdate(first);
      peer.applyUpdate(diff.body());
      assertThat(peer.getText("text").toString()).isEqualTo("first second");
      assertThat(diff.body().length).isLessThan(documentBytes(http, "r1").length);

      // Room ids are percent-encoded in the path, as in the WebSocket URL.
      assertThat(
              http.post(
                      "/api/rooms/team%2Fnotes%201/update",
                      textUpdate("encoded"), "application/octet-stream")
                  .statusCode())
          .isEqualTo(200);
      assertThat(server.server.rooms().room("team/notes 1")).isPresent();
      assertThat(read(http, "team%2Fnotes%201").getText("text").toString()).isEqualTo("encoded");
    }
  }

  @Test
  void unknownRoomIs404AndIsNotCreated() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      HttpResponse<byte[]> response = http.get("/api/rooms/never-seen/update");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(new String(response.body()))
          .contains("\"error\"")
          .contains("no room 'never-seen'");
      assertThat(server.server.rooms().room("never-seen")).isEmpty();
      assertThat(server.catalog.find("never-seen")).isEmpty();
    }
  }

  @Test
  void malformedUpdateIs400AndChangesNothing() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      byte[] garbage = new byte[64];
      new Random(7).nextBytes(garbage);

      HttpResponse<String> toNewRoom =
          http.post("/api/rooms/fresh/update", garbage, "application/octet-stream");
      assertThat(toNewRoom.statusCode()).isEqualTo(400);
      assertThat(toNewRoom.body()).contains("malformed Yjs update");
      assertThat(server.server.rooms().room("fresh")).as("no room made for garbage").isEmpty();

      http.post("/api/rooms/kept/update", textUpdate("kept"), "application/octet-stream");
      byte[] before = documentBytes(http, "kept");
      byte[] truncated = Arrays.copyOf(textUpdate("more text"), 9);
      HttpResponse<String> refused =
          http.post("/api/rooms/kept/update", truncated, "application/octet-stream");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("malformed Yjs update");
      assertThat(http.post("/api/rooms/kept/update", new byte[0], "application/octet-stream"))
          .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400));
      assertThat(documentBytes(http, "kept")).isEqualTo(before);

      HttpResponse<byte[]> badVector = http.get("/api/rooms/kept/update?stateVector=not*base64");
      assertThat(badVector.statusCode()).isEqualTo(400);
      assertThat(new String(badVector.body())).contains("stateVector");
    }
  }

  @Test
  void badEditsAre400WithAReasonAndNothingIsApplied() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      String setup =
          "[{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"list\",\"value\":{\"$yarray\":[1,2]}},"
              + "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"plain\",\"value\":{\"x\":1}},"
              + "{\"op\":\"text.insert\",\"type\":\"t\",\"index\":0,\"text\":\"abc\"}]";
      assertThat(http.postJson("/api/rooms/e/edits", setup).statusCode()).isEqualTo(200);
      byte[] before = documentBytes(http, "e");

      String valid = "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"new\",\"value\":1},";
      assertRefused(
          http,
          "[" + valid + "{\"op\":\"map.rename\",\"type\":\"m\"}]",
          "operation 1: unknown operation 'map.rename'");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"map.set\",\"type\":\"m\","
              + "\"path\":[\"missing\"],\"key\":\"k\",\"value\":1}]",
          "has no key 'missing'");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"array.insert\",\"type\":\"m\","
              + "\"path\":[\"plain\"],\"index\":0,\"values\":[1]}]",
          "is a plain value, not a shared type");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"text.insert\",\"type\":\"m\","
              + "\"path\":[\"list\"],\"index\":0,\"text\":\"x\"}]",
          "is a Y.Array, not a Y.Text");
      assertRefused(
          http,
          "[" + valid + "{\"op\":\"text.insert\",\"type\":\"m\",\"index\":0," + "\"text\":\"x\"}]",
          "operation 1 (text.insert on 'm')");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"array.delete\",\"type\":\"m\","
              + "\"path\":[\"list\"],\"index\":1,\"length\":5}]",
          "is beyond the array's length 2");
      assertRefused(
          http,
          "[" + valid + "{\"op\":\"text.delete\",\"type\":\"t\",\"index\":2," + "\"length\":2}]",
          "is beyond the text's length 3");
      assertRefused(
          http,
          "[" + valid + "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"k\"}]",
          "\\\"value\\\" is missing");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"k\","
              + "\"value\":1,\"colour\":\"red\"}]",
          "takes no field \\\"colour\\\"");
      assertRefused(
          http,
          "["
              + valid
              + "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"k\","
              + "\"value\":{\"a\":{\"$ymap\":{}}}}]",
          "not inside plain JSON");
      assertRefused(http, "{\"op\":\"map.set\"}", "body must be a JSON array");
      assertRefused(http, "[1,", "body is not valid JSON");

      assertThat(documentBytes(http, "e")).as("nothing applied").isEqualTo(before);
    }
  }

  private static void assertRefused(ApiHttp http, String body, String reason) throws Exception {
    HttpResponse<String> response = http.postJson("/api/rooms/e/edits", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).contains(reason);
  }

  @Test
  void bodiesOverTheLimitAre413WithAReason() throws Exception {
    try (TestServer server = TestServer.start(c -> c.withMaxMessageBytes(2048))) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      HttpResponse<String> small =
          http.post("/api/rooms/big/update", new byte[4096], "application/octet-stream");
      assertThat(small.statusCode()).isEqualTo(413);
      assertThat(small.body()).contains("larger than the limit of 2048");
      // Beyond what the HTTP layer buffers at all (64 KiB here): refused before it is read.
      HttpResponse<String> huge =
          http.post("/api/rooms/big/edits", new byte[200 * 1024], "application/json");
      assertThat(huge.statusCode()).isEqualTo(413);
      assertThat(huge.body()).contains("larger than the limit");
      assertThat(server.server.rooms().room("big")).isEmpty();
    }
  }

  @Test
  void everyRouteNeedsTheAdminTokenWhenAuthIsOn() throws Exception {
    try (TestServer server =
        TestServer.start(
            c ->
                c.withSecurity(
                    SecurityConfig.none()
                        .withTokens(TokenVerifier.hmac(ROOM_TOKEN_SECRET))
                        .withAdminToken("admin-secret")))) {
      int port = server.server.address().getPort();
      ApiHttp anonymous = new ApiHttp(port, null);
      ApiHttp wrong = new ApiHttp(port, "not-it");
      ApiHttp admin = new ApiHttp(port, "admin-secret");

      HttpResponse<String> noToken =
          anonymous.post("/api/rooms/guarded/update", textUpdate("x"), "application/octet-stream");
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(noToken.body()).contains("token is required");
      assertThat(wrong.postJson("/api/rooms/guarded/edits", "[]").statusCode()).isEqualTo(401);
      assertThat(anonymous.get("/api/rooms/guarded/update").statusCode()).isEqualTo(401);
      assertThat(server.server.rooms().room("guarded")).isEmpty();

      assertThat(
              admin
                  .post("/api/rooms/guarded/update", textUpdate("x"), "application/octet-stream")
                  .statusCode())
          .isEqualTo(200);
      assertThat(read(admin, "guarded").getText("text").toString()).isEqualTo("x");
      assertThat(admin.send("DELETE", "/api/rooms/guarded/update").statusCode()).isEqualTo(405);
    }
  }

  @Test
  void editsDoNotReadAClientsTypeAsAnotherKind() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      // The server never declared 'text': it only knows the content a client sent.
      http.post("/api/rooms/k/update", textUpdate("abc"), "application/octet-stream");
      byte[] before = documentBytes(http, "k");
      HttpResponse<String> asMap =
          http.postJson(
              "/api/rooms/k/edits",
              "[{\"op\":\"map.set\",\"type\":\"text\",\"key\":\"k\",\"value\":1}]");
      assertThat(asMap.statusCode()).isEqualTo(400);
      assertThat(asMap.body()).contains("'text' holds text, not a Y.Map");
      assertThat(documentBytes(http, "k")).isEqualTo(before);

      HttpResponse<String> asText =
          http.postJson(
              "/api/rooms/k/edits",
              "[{\"op\":\"text.insert\",\"type\":\"text\",\"index\":3,\"text\":\"d\"}]");
      assertThat(asText.statusCode()).as(asText.body()).isEqualTo(200);
      assertThat(read(http, "k").getText("text").toString()).isEqualTo("abcd");
    }
  }

  @Test
  void changesCarryTheActorAsTheirServerOrigin() throws Exception {
    List<UpdateOrigin> origins = new CopyOnWriteArrayList<>();
    try (Symphony symphony =
        Symphony.builder()
            .host("127.0.0.1")
            .port(0)
            .setup(
                setup ->
                    setup
                        .rooms()
                        .addListener(
                            new RoomListener() {
                              @Override
                              public void documentChanged(
                                  Room room, byte[] update, UpdateOrigin origin) {
                                origins.add(origin);
                              }
                            }))
            .start()) {
      int port = symphony.address().getPort();
      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/api/rooms/who/update"))
                      .header("X-Symphony-Actor", "nightly-import")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(textUpdate("x")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
      new ApiHttp(port, null)
          .postJson(
              "/api/rooms/who/edits",
              "[{\"op\":\"map.delete\",\"type\":\"m\",\"key\":\"k\"},"
                  + "{\"op\":\"map.set\",\"type\":\"m\",\"key\":\"k\",\"value\":2}]");
      assertThat(origins)
          .containsExactly(
              new UpdateOrigin.Server("nightly-import"),
              new UpdateOrigin.Server(DocumentApi.DEFAULT_ACTOR));
    }
  }

  @Test
  void changesPastTheDocumentLimitAre413AndChangeNothing() throws Exception {
    try (TestServer server =
        TestServer.start(c -> c.withRooms(c.rooms().withMaxDocumentBytes(2048)))) {
      ApiHttp http = new ApiHttp(server.server.address().getPort(), null);
      assertThat(
              http.post("/api/rooms/full/update", textUpdate("small"), "application/octet-stream")
                  .statusCode())
          .isEqualTo(200);
      byte[] before = documentBytes(http, "full");

      HttpResponse<String> update =
          http.post(
              "/api/rooms/full/update", textUpdate("x".repeat(3000)), "application/octet-stream");
      assertThat(update.statusCode()).isEqualTo(413);
      assertThat(update.body()).contains("document is full");

      HttpResponse<String> edits =
          http.postJson(
              "/api/rooms/full/edits",
              "[{\"op\":\"text.insert\",\"type\":\"text\",\"index\":0,\"text\":\""
                  + "y".repeat(3000)
                  + "\"}]");
      assertThat(edits.statusCode()).isEqualTo(413);
      assertThat(edits.body()).contains("past the room's limit of 2048");
      assertThat(documentBytes(http, "full")).isEqualTo(before);
    }
  }
}
