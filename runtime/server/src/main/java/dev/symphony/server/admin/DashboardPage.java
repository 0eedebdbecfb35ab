package dev.symphony.server.admin;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The developer dashboard: plain HTML, CSS and JavaScript from this package's resources (no build
 * step), served at {@code /dashboard}. The page reads the admin API; it holds no data itself.
 */
final class DashboardPage {

  private static final String RESOURCES = "dashboard/";
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|js|css)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private DashboardPage() {}

  static void serve(Channel channel, Request request) {
    if (!request.isGet()) {
      HttpReplies.error(channel, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
      return;
    }
    String path = request.path();
    String name =
        path.equals("/dashboard") || path.equals("/dashboard/")
            ? "index.html"
            : path.substring("/dashboard/".length());
    byte[] body = ASSET.matcher(name).matches() ? asset(name) : null;
    if (body == null) {
      HttpReplies.error(channel, request, HttpResponseStatus.NOT_FOUND, "no such file: " + path);
      return;
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    HttpReplies.bytes(channel, request, HttpResponseStatus.OK, type, body);
  }

  private static byte[] asset(String name) {
    return CACHE.computeIfAbsent(
        name,
        key -> {
          try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCES + key)) {
            return in == null ? null : in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
