package dev.symphony.server.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Paging and sorting of {@code GET /api/rooms}: {@code ?page=1&size=50&sort=lastActive&order=desc}.
 * Pages count from 1; a bad value is refused with a message naming it.
 */
record RoomsQuery(int page, int size, String sort, boolean descending) {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 1000;
  static final List<String> SORTS =
      List.of("id", "active", "connections", "documentBytes", "lastActive");

  static RoomsQuery parse(Request request) {
    int page = number(request.parameter("page"), "page", 1, Integer.MAX_VALUE, 1);
    int size = number(request.parameter("size"), "size", 1, MAX_SIZE, DEFAULT_SIZE);
    String sort = request.parameter("sort") == null ? "lastActive" : request.parameter("sort");
    if (!SORTS.contains(sort)) {
      throw new IllegalArgumentException("sort must be one of " + SORTS + ", not '" + sort + "'");
    }
    String order = request.parameter("order");
    boolean descending;
    if (order == null) {
      descending = !sort.equals("id"); // ids read A to Z; figures and times largest first
    } else {
      descending =
          switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default ->
                throw new IllegalArgumentException(
                    "order must be asc or desc, not '" + order + "'");
          };
    }
    return new RoomsQuery(page, size, sort, descending);
  }

  /** The comparator for this sort; ties are broken by id so pages never overlap. */
  Comparator<RoomView> comparator() {
    Comparator<RoomView> key =
        switch (sort) {
          case "active" -> Comparator.comparing(RoomView::active);
          case "connections" -> Comparator.comparingInt(RoomView::connections);
          case "documentBytes" -> Comparator.comparingLong(RoomView::documentBytes);
          case "lastActive" -> Comparator.comparingLong(RoomView::lastActiveMillis);
          default -> Comparator.comparing(RoomView::id);
        };
    if (descending) {
      key = key.reversed();
    }
    return key.thenComparing(RoomView::id);
  }

  private static int number(String value, String name, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
  }
}
