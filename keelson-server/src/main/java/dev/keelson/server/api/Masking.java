package dev.keelson.server.api;

import dev.keelson.core.diff.DiffNormalizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Objects as the API shows them: Secret values masked (also in kubectl's last-applied
 * annotation, which repeats them in clear) and managedFields left out.
 */
final class Masking {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private Masking() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> shown(Map<String, Object> object) {
    if (object == null) return null;
    Map<String, Object> masked = new LinkedHashMap<>(DiffNormalizer.maskSecret(object));
    if (masked.get("metadata") instanceof Map<?, ?> meta) {
      Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) meta);
      m.remove("managedFields");
      if ("Secret".equals(masked.get("kind")) && m.get("annotations") instanceof Map<?, ?> a && a.containsKey(LAST_APPLIED)) {
        Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) a);
        annotations.put(LAST_APPLIED, DiffNormalizer.MASK);
        m.put("annotations", annotations);
      }
      masked.put("metadata", m);
    }
    return masked;
  }
}
