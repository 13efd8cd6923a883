package dev.keelson.cli;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Data output (-o json|yaml) and plain aligned tables. */
final class Output {
  private Output() {}

  static void print(PrintStream out, String format, Object value) {
    switch (format) {
      case "json" -> out.println(Serialization.asJson(value));
      case "yaml" -> out.print(Serialization.asYaml(value));
      default -> throw new IllegalArgumentException("unknown output format '" + format + "' (json or yaml)");
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
