package dev.keelson.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.model.Manifest;
import java.io.PrintStream;
import java.util.List;

/**
 * Rendered objects as a YAML stream, one document each, in render order, Secret values masked:
 * what `app manifests` and `render` print, ready for a review or `kubectl apply -f -`. Strings
 * are quoted only where YAML would read them as something else.
 */
final class ManifestsOutput {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build();

  private ManifestsOutput() {}

  static void print(PrintStream out, List<Manifest> manifests) {
    for (Manifest m : manifests) {
      try {
        out.print("---\n" + YAML.writeValueAsString(DiffNormalizer.maskSecret(m.body())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a manifest is not JSON", e);
      }
    }
  }
}
