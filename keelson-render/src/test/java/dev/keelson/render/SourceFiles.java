package dev.keelson.render;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the path-to-bytes map the Git layer hands to the renderer. */
final class SourceFiles {
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  static SourceFiles tree() {
    return new SourceFiles();
  }

  SourceFiles add(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  SourceFiles addBytes(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  Map<String, byte[]> map() {
    return files;
  }

  static String configMap(String name) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
        data:
          key: value
        """
        .formatted(name);
  }
}
