package dev.symphony.singlenode;

import dev.symphony.server.store.s3.S3Location;
import dev.symphony.server.store.s3.S3Settings;
import java.net.URI;

/**
 * Which stores single-node uses: by default documents as files and the catalog in an embedded
 * database, both in the data directory; optionally the catalog on PostgreSQL and the documents in
 * an S3 bucket (AWS S3, GCS interoperability, MinIO).
 *
 * @param catalog where the room catalog lives
 * @param s3 where documents live on S3, or null for files in the data directory
 */
public record StorageSettings(CatalogAddress catalog, S3Settings s3) {

  public static final StorageSettings EMBEDDED = new StorageSettings(CatalogAddress.EMBEDDED, null);

  public StorageSettings {
    if (catalog == null) {
      catalog = CatalogAddress.EMBEDDED;
    }
  }

  /**
   * Reads the settings as given on the command line; every value may be null.
   *
   * @param store {@code s3://bucket/prefix}, or blank / {@code files} for the data directory
   * @throws IllegalArgumentException with a one-line reason
   */
  public static S3Settings s3(String store, String endpoint, String region, Boolean pathStyle) {
    if (store == null || store.isBlank() || store.strip().equalsIgnoreCase("files")) {
      if (endpoint != null || region != null) {
        throw new IllegalArgumentException("--s3-endpoint and --s3-region need --store s3://...");
      }
      return null;
    }
    if (!store.strip().toLowerCase(java.util.Locale.ROOT).startsWith("s3://")) {
      throw new IllegalArgumentException(
          "unknown document store '" + store + "': expected s3://bucket/prefix or files");
    }
    S3Settings settings = S3Settings.of(S3Location.parse(store));
    if (endpoint != null && !endpoint.isBlank()) {
      URI uri = URI.create(endpoint.strip());
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "the S3 endpoint must be an http:// or https:// address, not " + endpoint);
      }
      settings = settings.withEndpoint(uri);
    }
    if (region != null && !region.isBlank()) {
      settings = settings.withRegion(region.strip());
    }
    if (pathStyle != null) {
      settings = settings.withPathStyle(pathStyle);
    }
    return settings;
  }

  /** For the start-up banner: where documents and the catalog live. */
  public String describe() {
    String documents =
        s3 == null
            ? "snapshots in documents/"
            : "documents in "
                + s3.location()
                + (s3.endpoint() == null ? "" : " at " + s3.endpoint());
    String catalogText =
        catalog.embedded() ? "room catalog in catalog/" : "room catalog in " + catalog.describe();
    return documents + ", " + catalogText;
  }
}
