package dev.symphony.server.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where webhook events go and how: the receiver URLs, the shared secret every request is signed
 * with, how long {@code room.changed} waits to gather a room's changes, and the retry backoff.
 *
 * @param urls the receivers (http or https); empty turns webhooks off
 * @param secret the HMAC-SHA256 key of the {@code Symphony-Signature} header
 * @param debounce at most one {@code room.changed} per room in this window; zero: one per change
 * @param retryInitial the first retry of a failed delivery waits this long, each next one twice as
 *     long
 * @param retryMax the longest wait between retries
 */
public record WebhookSettings(
    List<URI> urls, String secret, Duration debounce, Duration retryInitial, Duration retryMax) {

  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(1);

  /** Webhooks off. */
  public static final WebhookSettings NONE =
      new WebhookSettings(
          List.of(), null, DEFAULT_DEBOUNCE, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX);

  public WebhookSettings {
    urls = List.copyOf(urls);
    for (URI url : urls) {
      String scheme = url.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "webhook URL must be an absolute http:// or https:// URL, not " + url);
      }
    }
    if (!urls.isEmpty() && (secret == null || secret.isEmpty())) {
      throw new IllegalArgumentException(
          "a webhook secret is required to sign the requests (--webhook-secret)");
    }
    if (debounce == null || debounce.isNegative()) {
      throw new IllegalArgumentException("webhook debounce must be zero or positive");
    }
    if (retryInitial == null
        || retryMax == null
        || retryInitial.isNegative()
        || retryInitial.isZero()
        || retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("webhook retry backoff needs 0 < initial <= max");
    }
  }

  /** Webhooks to {@code urls}, signed with {@code secret}, with the default timings. */
  public static WebhookSettings to(List<URI> urls, String secret) {
    return new WebhookSettings(
        urls, secret, DEFAULT_DEBOUNCE, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX);
  }

  public WebhookSettings withDebounce(Duration value) {
    return new WebhookSettings(urls, secret, value, retryInitial, retryMax);
  }

  public WebhookSettings withRetry(Duration initial, Duration max) {
    return new WebhookSettings(urls, secret, debounce, initial, max);
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }
}
