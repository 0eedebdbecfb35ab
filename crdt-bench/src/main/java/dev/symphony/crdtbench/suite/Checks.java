package dev.symphony.crdtbench.suite;

import java.util.Objects;

/** Result checks with messages short enough to read even when documents are 100 kB long. */
final class Checks {

  private static final int CONTEXT = 20;

  private Checks() {}

  static void equal(String what, Object expected, Object actual) {
    if (Objects.equals(expected, actual)) {
      return;
    }
    if (expected instanceof String e && actual instanceof String a) {
      throw new ResultMismatchException(what + ": " + describeDifference(e, a));
    }
    throw new ResultMismatchException(
        what
            + ": expected "
            + abbreviate(String.valueOf(expected))
            + " but was "
            + abbreviate(String.valueOf(actual)));
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new ResultMismatchException(message);
    }
  }

  private static String describeDifference(String expected, String actual) {
    int at = 0;
    int common = Math.min(expected.length(), actual.length());
    while (at < common && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    return "lengths "
        + expected.length()
        + " (expected) and "
        + actual.length()
        + ", first difference at "
        + at
        + ": expected \""
        + around(expected, at)
        + "\" but was \""
        + around(actual, at)
        + "\"";
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - CONTEXT), Math.min(text.length(), at + CONTEXT));
  }

  private static String abbreviate(String text) {
    return text.length() <= 200
        ? text
        : text.substring(0, 200) + "... (" + text.length() + " chars)";
  }
}
