package dev.keelson.core.health;

import dev.keelson.core.manifest.ManifestParser;
import java.util.Map;

/** Live objects for tests, written as the YAML `kubectl get -o yaml` would show. */
final class Live {
  private Live() {}

  static Map<String, Object> object(String yaml) {
    try {
      return new ManifestParser().parse("live.yaml", yaml).get(0).body();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Health assess(String yaml) {
    return new HealthAssessor().assess(object(yaml));
  }
}
