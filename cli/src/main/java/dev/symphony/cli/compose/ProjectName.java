package dev.symphony.cli.compose;

import java.util.regex.Pattern;

/**
 * A starter project's name: also its folder, its npm package name and its default room, so it keeps
 * to what all three accept.
 */
public record ProjectName(String value) {

  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,62}[a-z0-9]|[a-z]");

  public ProjectName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid project name '"
              + value
              + "': use 1-64 lowercase letters, digits and hyphens, starting with a letter and"
              + " not ending with a hyphen (e.g. my-app)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
