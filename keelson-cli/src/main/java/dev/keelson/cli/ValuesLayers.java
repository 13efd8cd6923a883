package dev.keelson.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keelson.helm.ValuesFromEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --values} files as values layers. They may be anywhere on disk, so they cannot be value
 * files of the repository; each becomes a {@code valuesFrom} entry instead, which Helm merges in
 * order above the chart's values and below {@code --set}: {@code helm template}'s precedence.
 */
final class ValuesLayers {
  private static final ObjectMapper YAML = new YAMLMapper();

  private ValuesLayers() {}

  static List<ValuesFromEntry> read(List<Path> files) throws IOException {
    List<ValuesFromEntry> layers = new java.util.ArrayList<>();
    for (Path file : files) {
      layers.add(new ValuesFromEntry(read(file), null, file.toString()));
    }
    return layers;
  }

  private static Map<String, Object> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such values file");
    }
    JsonNode node;
    try {
      node = YAML.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage());
    }
    // An empty file is no values, as for Helm.
    if (node == null || node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IOException(file + ": values must be a map, not " + node.getNodeType().name().toLowerCase());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = YAML.convertValue(node, Map.class);
    return values;
  }
}
