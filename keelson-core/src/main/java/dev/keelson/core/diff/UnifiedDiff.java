package dev.keelson.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A unified diff of two objects rendered as YAML, as `diff -u` would print it. */
public final class UnifiedDiff {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private UnifiedDiff() {}

  /** Empty when both sides render the same; {@code null} objects render as nothing. */
  public static String of(String title, Map<String, Object> live, Map<String, Object> desired) {
    List<String> from = lines(live);
    List<String> to = lines(desired);
    var patch = DiffUtils.diff(from, to);
    if (patch.getDeltas().isEmpty()) return "";
    List<String> out =
        UnifiedDiffUtils.generateUnifiedDiff("live/" + title, "desired/" + title, from, patch, 3);
    return String.join("\n", out) + "\n";
  }

  public static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(JsonValues.canonical(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> lines(Map<String, Object> object) {
    if (object == null) return List.of();
    return Arrays.asList(yaml(object).split("\n"));
  }
}
