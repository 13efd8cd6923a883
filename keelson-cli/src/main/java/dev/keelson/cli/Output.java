package dev.keelson.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Data output (-o json|yaml) and plain aligned tables. */
final class Output {
  private Output() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Pretty JSON or YAML, without managedFields (as kubectl prints by default). */
  static void print(PrintStream out, String format, Object value) {
    JsonNode tree;
    try {
      tree = JSON.readTree(Serialization.asJson(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    dropManagedFields(tree);
    switch (format) {
      case "json" -> out.println(tree.toPrettyString());
      case "yaml" -> out.print(Serialization.asYaml(tree));
      default -> throw new IllegalArgumentException("unknown output format '" + format + "' (json or yaml)");
    }
  }

  private static void dropManagedFields(JsonNode node) {
    if (node.isArray()) node.forEach(Output::dropManagedFields);
    if (node.isObject()) {
      JsonNode metadata = node.get("metadata");
      if (metadata instanceof ObjectNode m) m.remove("managedFields");
      node.forEach(Output::dropManagedFields);
    }
  }

  static void table(PrintStream out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) widths[i] = Math.max(widths[i], String.valueOf(r.get(i)).length());
    }
    for (List<String> r : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i) == null ? "" : r.get(i);
        sb.append(i == r.size() - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  static String shortSha(String sha) {
    return sha == null ? "" : sha.length() > 8 ? sha.substring(0, 8) : sha;
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
