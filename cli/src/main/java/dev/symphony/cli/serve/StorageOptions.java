package dev.symphony.cli.serve;

import dev.symphony.server.store.s3.S3Settings;
import dev.symphony.singlenode.CatalogAddress;
import dev.symphony.singlenode.StorageSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The storage options of {@code symphony serve}: the room catalog (embedded or PostgreSQL) and the
 * document store (files or S3). Each falls back to its {@code SYMPHONY_*} environment variable.
 * They are not read from the config file: the catalog address may hold a password. S3 credentials
 * come from the AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, a
 * profile, the instance or pod identity).
 */
public final class StorageOptions {

  @Option(
      names = "--catalog",
      paramLabel = "<address>",
      description =
          "room catalog: postgres://user:password@host:port/database[?schema=s], jdbc:postgresql://..."
              + " or embedded (default: embedded, in the data directory; also SYMPHONY_CATALOG)")
  String catalog;

  @Option(
      names = "--store",
      paramLabel = "<address>",
      description =
          "document store: s3://bucket/prefix or files (default: files in the data directory;"
              + " also SYMPHONY_STORE)")
  String store;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "<url>",
      description =
          "S3 endpoint for MinIO, GCS (https://storage.googleapis.com) and others; default AWS"
              + " (also SYMPHONY_S3_ENDPOINT)")
  String s3Endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "<region>",
      description = "S3 signing region (default: the AWS default chain; also SYMPHONY_S3_REGION)")
  String s3Region;

  @Option(
      names = "--s3-path-style",
      paramLabel = "<on|off>",
      arity = "0..1",
      fallbackValue = "on",
      description =
          "address buckets as endpoint/bucket (MinIO and most self-hosted servers need it;"
              + " also SYMPHONY_S3_PATH_STYLE)")
  String s3PathStyle;

  /**
   * Builds the storage settings; a bad value throws {@link ServeSettings.InvalidSettingException}
   * with the one line the user sees.
   */
  public StorageSettings resolve(Map<String, String> environment) {
    String catalogValue = pick(catalog, environment, "SYMPHONY_CATALOG");
    String storeValue = pick(store, environment, "SYMPHONY_STORE");
    String endpoint = pick(s3Endpoint, environment, "SYMPHONY_S3_ENDPOINT");
    String region = pick(s3Region, environment, "SYMPHONY_S3_REGION");
    String pathStyle = pick(s3PathStyle, environment, "SYMPHONY_S3_PATH_STYLE");
    CatalogAddress catalogAddress;
    try {
      catalogAddress = CatalogAddress.parse(catalogValue);
    } catch (IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException("invalid catalog: " + e.getMessage());
    }
    S3Settings s3;
    try {
      s3 = StorageSettings.s3(storeValue, endpoint, region, pathStyle(pathStyle));
    } catch (IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException("invalid store: " + e.getMessage());
    }
    return new StorageSettings(catalogAddress, s3);
  }

  /** The catalog address alone ({@code symphony migrate}), or null when none was given. */
  static String catalogValue(String option, Map<String, String> environment) {
    return pick(option, environment, "SYMPHONY_CATALOG");
  }

  private static Boolean pathStyle(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default ->
          throw new IllegalArgumentException("--s3-path-style must be on or off, not " + value);
    };
  }

  private static String pick(String option, Map<String, String> environment, String variable) {
    String value = option != null ? option : environment.get(variable);
    return value == null || value.isBlank() ? null : value;
  }
}
