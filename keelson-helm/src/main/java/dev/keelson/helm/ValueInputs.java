package dev.keelson.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one render, read and ordered before Helm runs (so that they key the render cache),
 * then written as values files that Helm merges itself, lowest first: value files, valuesFrom,
 * values, valuesObject. Parameters go to Helm as {@code --set}; file parameters as {@code
 * --set-file}. helm-java has no {@code --set-string}: a forceString parameter whose text Helm would
 * not type anyway goes through {@code --set} unchanged, and one it would type (a number, {@code
 * true}, {@code null}) becomes a one-entry values file above valuesObject, so it stays a string.
 */
final class ValueInputs {

  /** A values file: its content and how the spec names it, for messages. */
  record Layer(String label, byte[] content) {}

  /** A {@code --set-file}: its path in the spec, its content. */
  record FileValue(String name, String label, byte[] content) {}

  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  final List<Layer> layers = new ArrayList<>();
  final Map<String, String> sets = new LinkedHashMap<>();
  final List<FileValue> fileValues = new ArrayList<>();

  /** Layer files as written, keyed by their path, with the label errors should show. */
  final Map<Path, String> written = new LinkedHashMap<>();

  /**
   * @param tree the repository (local chart) or the chart's files (remote chart)
   * @param chartDir the chart's directory in {@code tree}
   */
  static ValueInputs read(Map<String, byte[]> tree, String chartDir, HelmOptions o) throws HelmRenderException {
    ValueInputs v = new ValueInputs();
    for (String ref : o.valueFiles()) {
      String path = RepoPaths.resolve(chartDir, ref, "value file");
      byte[] content = tree.get(path);
      if (content == null) {
        if (o.ignoreMissingValueFiles()) {
          continue;
        }
        throw new HelmRenderException(ref, "value file '" + ref + "' does not exist (" + path + " in the repository)");
      }
      v.layers.add(new Layer(ref, content));
    }
    for (ValuesFromEntry e : o.valuesFrom()) {
      Object content = e.content();
      if (e.targetPath() != null) {
        content = SetPath.nest(e.targetPath(), content);
      } else if (content != null && !(content instanceof Map<?, ?>)) {
        throw new HelmRenderException(e.source(), e.source() + ": values must be a map unless targetPath is set");
      }
      v.layers.add(new Layer(e.source(), json(content == null ? Map.of() : content, e.source())));
    }
    if (o.values() != null && !o.values().isBlank()) {
      v.layers.add(new Layer("helm.values", o.values().getBytes(StandardCharsets.UTF_8)));
    }
    if (o.valuesObject() != null) {
      v.layers.add(new Layer("helm.valuesObject", json(o.valuesObject(), "helm.valuesObject")));
    }
    for (HelmParameter p : o.parameters()) {
      if (p.forceString() && SetPath.helmWouldType(p.value())) {
        Map<String, Object> nested;
        try {
          nested = SetPath.nest(p.name(), p.value());
        } catch (HelmRenderException e) {
          throw new HelmRenderException("helm.parameters", "helm.parameters: " + e.getMessage());
        }
        v.layers.add(new Layer("helm.parameters[" + p.name() + "]", json(nested, "helm.parameters")));
        v.sets.remove(p.name());
      } else {
        v.sets.remove(p.name());
        v.sets.put(p.name(), p.value());
      }
    }
    for (HelmFileParameter f : o.fileParameters()) {
      String path = RepoPaths.resolve(chartDir, f.path(), "file parameter " + f.name());
      byte[] content = tree.get(path);
      if (content == null) {
        throw new HelmRenderException(f.path(), "file parameter " + f.name() + ": '" + f.path() + "' does not exist");
      }
      v.fileValues.add(new FileValue(f.name(), f.path(), content));
    }
    return v;
  }

  void digest(Digests d) {
    for (Layer l : layers) {
      d.add("layer").add(l.label()).add(l.content());
    }
    for (Map.Entry<String, String> s : sets.entrySet()) {
      d.add("set").add(s.getKey()).add(s.getValue());
    }
    for (FileValue f : fileValues) {
      d.add("set-file").add(f.name()).add(f.content());
    }
  }

  /** Writes the files under {@code dir}; returns the values files in merge order. */
  List<Path> writeLayers(Workspace ws) throws IOException {
    List<Path> files = new ArrayList<>();
    int i = 0;
    for (Layer l : layers) {
      Path p = ws.write("values/" + String.format("%03d", i++) + ".yaml", l.content());
      written.put(p, l.label());
      files.add(p);
    }
    return files;
  }

  Map<String, Path> writeFileValues(Workspace ws) throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    int i = 0;
    for (FileValue f : fileValues) {
      Path p = ws.write("set-file/" + String.format("%03d", i++), f.content());
      written.put(p, f.label());
      out.put(f.name(), p);
    }
    return out;
  }

  private static byte[] json(Object value, String label) throws HelmRenderException {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new HelmRenderException(label, label + ": cannot be written as values: " + e.getOriginalMessage());
    }
  }
}
