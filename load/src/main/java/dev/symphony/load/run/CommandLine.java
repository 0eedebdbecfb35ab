package dev.symphony.load.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command templates from settings: split like a shell would, then placeholders filled in. */
final class CommandLine {

  private CommandLine() {}

  /**
   * Splits on unquoted whitespace; single or double quotes group words and may be empty ({@code
   * --save ''} gives the empty argument Redis expects). No escapes, no variables.
   */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in command: " + text);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Replaces {@code {name}} in every word; an unknown placeholder is an error. */
  static List<String> fill(List<String> words, Map<String, String> values) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      String filled = w;
      for (Map.Entry<String, String> v : values.entrySet()) {
        filled = filled.replace("{" + v.getKey() + "}", v.getValue());
      }
      int open = filled.indexOf('{');
      if (open >= 0 && filled.indexOf('}', open) > open) {
        throw new IllegalArgumentException(
            "unknown placeholder in '" + w + "'; known: " + values.keySet());
      }
      out.add(filled);
    }
    return out;
  }
}
