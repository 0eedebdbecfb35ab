package dev.symphony.server.store;

/** The room catalog's database failed. */
public final class CatalogException extends RuntimeException {
  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
