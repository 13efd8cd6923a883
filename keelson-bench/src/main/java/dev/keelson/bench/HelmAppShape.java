package dev.keelson.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark app as a small Helm chart: the same objects as {@link AppShape}, written as
 * templates over the app's values, so that a Helm app renders exactly what a plain one holds and
 * the bare loop can apply the plain objects as its ceiling.
 */
final class HelmAppShape {
  private final AppShape plain;

  HelmAppShape(AppShape plain) {
    this.plain = plain;
  }

  /** Chart.yaml, values.yaml and one template per object of the plain shape. */
  Map<String, String> files(String app, String value) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Chart.yaml", "apiVersion: v2\nname: " + app + "\nversion: 1.0.0\n");
    files.put("values.yaml", "name: " + app + "\nvalue: \"" + value + "\"\n");
    for (Map.Entry<String, String> e : plain.files(app, value).entrySet()) {
      files.put("templates/" + e.getKey(), template(e.getValue(), app, value));
    }
    return files;
  }

  /** The plain manifest with the app's name and the sample value taken from the values. */
  private static String template(String manifest, String app, String value) {
    return manifest.replace("\"" + value + "\"", "{{ .Values.value | quote }}")
        .replace(app, "{{ .Values.name }}");
  }
}
