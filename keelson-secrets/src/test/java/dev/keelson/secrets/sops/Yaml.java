package dev.keelson.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads YAML (and JSON) back the way a YAML 1.2 consumer would, to check decrypted output. */
final class Yaml {
  private Yaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("{")) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return (Map<String, Object>) new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
        .loadFromString(new String(content, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String p : path) {
      o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) o).get(p);
    }
    return o;
  }
}
