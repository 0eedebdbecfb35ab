package dev.symphony.server.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What the admin routes need of a request, copied out of Netty's message so it can be answered
 * later from another thread (Netty releases the message when the handler returns).
 */
public record Request(
    HttpMethod method,
    String path,
    Map<String, List<String>> parameters,
    String authorization,
    boolean keepAlive) {

  public static Request of(FullHttpRequest request, String path) {
    return new Request(
        request.method(),
        path,
        new QueryStringDecoder(request.uri()).parameters(),
        request.headers().get(HttpHeaderNames.AUTHORIZATION),
        HttpUtil.isKeepAlive(request));
  }

  public boolean head() {
    return HttpMethod.HEAD.equals(method);
  }

  public boolean isGet() {
    return HttpMethod.GET.equals(method) || head();
  }

  /** The first value of a query parameter, or null. */
  public String parameter(String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
