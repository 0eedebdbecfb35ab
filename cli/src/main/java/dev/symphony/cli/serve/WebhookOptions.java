package dev.symphony.cli.serve;

import dev.symphony.server.webhook.WebhookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The webhook options of {@code symphony serve}: receiver URLs, the signing secret and the {@code
 * room.changed} debounce. Each falls back to its {@code SYMPHONY_*} environment variable; like the
 * other secrets they are not read from the config file.
 */
public final class WebhookOptions {

  @Option(
      names = "--webhook-url",
      paramLabel = "<url>",
      split = ",",
      description =
          "send room and user events as signed JSON POSTs to this URL (repeatable or"
              + " comma-separated; also SYMPHONY_WEBHOOK_URLS)")
  List<String> urls;

  @Option(
      names = "--webhook-secret",
      paramLabel = "<secret>",
      description =
          "shared secret of the Symphony-Signature header (HMAC-SHA256); required with"
              + " --webhook-url (also SYMPHONY_WEBHOOK_SECRET)")
  String secret;

  @Option(
      names = "--webhook-debounce",
      paramLabel = "<duration>",
      description =
          "at most one room.changed per room in this window; 0 sends every change (default 2s;"
              + " also SYMPHONY_WEBHOOK_DEBOUNCE)")
  String debounce;

  /**
   * Builds the webhook settings ({@link WebhookSettings#NONE} when no URL is given); a bad value
   * throws {@link ServeSettings.InvalidSettingException} with the one line the user sees.
   */
  public WebhookSettings resolve(Map<String, String> environment) {
    List<String> given = new ArrayList<>();
    if (urls != null && !urls.isEmpty()) {
      given.addAll(urls);
    } else if (environment.get("SYMPHONY_WEBHOOK_URLS") != null) {
      given.addAll(List.of(environment.get("SYMPHONY_WEBHOOK_URLS").split(",")));
    }
    String secretValue = secret != null ? secret : environment.get("SYMPHONY_WEBHOOK_SECRET");
    String debounceValue =
        debounce != null ? debounce : environment.get("SYMPHONY_WEBHOOK_DEBOUNCE");
    List<URI> targets = new ArrayList<>();
    for (String url : given) {
      if (url.isBlank()) {
        continue;
      }
      try {
        targets.add(new URI(url.strip()));
      } catch (URISyntaxException e) {
        throw new ServeSettings.InvalidSettingException(
            "invalid webhook URL " + url.strip() + ": " + e.getReason());
      }
    }
    if (targets.isEmpty()) {
      if (secretValue != null || debounceValue != null) {
        throw new ServeSettings.InvalidSettingException(
            "--webhook-secret and --webhook-debounce need --webhook-url (or SYMPHONY_WEBHOOK_URLS)");
      }
      return WebhookSettings.NONE;
    }
    Duration window = WebhookSettings.DEFAULT_DEBOUNCE;
    if (debounceValue != null) {
      try {
        window = SettingValues.duration(debounceValue);
      } catch (IllegalArgumentException e) {
        throw new ServeSettings.InvalidSettingException(
            "invalid webhook debounce " + debounceValue + ": " + e.getMessage());
      }
    }
    try {
      return WebhookSettings.to(targets, secretValue).withDebounce(window);
    } catch (IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException(e.getMessage());
    }
  }
}
