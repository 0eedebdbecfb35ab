package dev.symphony.singlenode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the room catalog lives: the embedded database in the data directory (the default), or a
 * PostgreSQL database given as {@code postgres://user:password@host:port/db} (also {@code
 * postgresql://}, or a JDBC URL {@code jdbc:postgresql://host:port/db?user=..&password=..}). A
 * {@code schema} (or {@code currentSchema}) query parameter keeps the tables in that schema.
 *
 * @param jdbcUrl the JDBC URL without credentials, or null for the embedded database
 * @param user the user name, or null
 * @param password the password, or null
 * @param schema the schema for the tables, or null for the database's default
 */
public record CatalogAddress(String jdbcUrl, String user, String password, String schema) {

  /** The embedded database in the data directory. */
  public static final CatalogAddress EMBEDDED = new CatalogAddress(null, null, null, null);

  public boolean embedded() {
    return jdbcUrl == null;
  }

  /**
   * Reads a catalog address; blank or {@code embedded} means the embedded database.
   *
   * @throws IllegalArgumentException with a one-line reason for anything else
   */
  public static CatalogAddress parse(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("embedded")) {
      return EMBEDDED;
    }
    String value = text.strip();
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    boolean jdbc = lower.startsWith("jdbc:postgresql://");
    if (!jdbc && !lower.startsWith("postgres://") && !lower.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "unknown catalog '"
              + redact(value)
              + "': expected postgres://user:password@host:port/database, "
              + "jdbc:postgresql://... or embedded");
    }
    URI uri;
    try {
      uri = new URI(jdbc ? value.substring("jdbc:".length()) : value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid catalog address: " + redact(value));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host in catalog address " + redact(value));
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "no database in catalog address " + redact(value) + " (…/database)");
    }
    Map<String, String> parameters = query(uri.getRawQuery());
    String user = parameters.remove("user");
    String password = parameters.remove("password");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : password;
    }
    String schema = parameters.remove("schema");
    if (schema == null) {
      schema = parameters.remove("currentSchema");
    }
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(uri.getHost())
            .append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
            .append('/')
            .append(database);
    String separator = "?";
    for (var parameter : parameters.entrySet()) {
      url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
      separator = "&";
    }
    return new CatalogAddress(url.toString(), user, password, schema);
  }

  /** For messages: the address without credentials. */
  public String describe() {
    if (embedded()) {
      return "the embedded catalog";
    }
    return jdbcUrl
        + (user == null ? "" : " as " + user)
        + (schema == null ? "" : " schema " + schema);
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Hides a password in an address the user typed, for error messages. */
  static String redact(String text) {
    return text.replaceAll("(//[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(password=)[^&]*", "$1***");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
