package dev.keelson.server.index;

import java.util.Map;
import java.util.Optional;

/** One {@code label} filter: {@code key=value}, {@code key!=value}, or {@code key} (present). */
public sealed interface LabelMatch {
  boolean test(Map<String, String> labels);

  record Equals(String key, String value) implements LabelMatch {
    public boolean test(Map<String, String> labels) {
      return value.equals(labels.get(key));
    }
  }

  record NotEquals(String key, String value) implements LabelMatch {
    public boolean test(Map<String, String> labels) {
      return !value.equals(labels.get(key));
    }
  }

  record Exists(String key) implements LabelMatch {
    public boolean test(Map<String, String> labels) {
      return labels.containsKey(key);
    }
  }

  /** Empty when the text is none of the three forms. */
  static Optional<LabelMatch> parse(String text) {
    int ne = text.indexOf("!=");
    if (ne > 0) return Optional.of(new NotEquals(text.substring(0, ne), text.substring(ne + 2)));
    int eq = text.indexOf('=');
    if (eq > 0) return Optional.of(new Equals(text.substring(0, eq), text.substring(eq + 1)));
    if (eq == 0 || ne == 0 || text.isBlank()) return Optional.empty();
    return Optional.of(new Exists(text));
  }
}
