package dev.keelson.core.diff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepares objects for a human diff: drops what the server maintains (resourceVersion,
 * managedFields, uid, timestamps, generation, status) and masks Secret values, which must never
 * appear in a diff.
 */
public final class DiffNormalizer {
  private static final String[] SERVER_METADATA = {
    "managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink"
  };

  private DiffNormalizer() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalize(Map<String, Object> object) {
    if (object == null) return null;
    Map<String, Object> copy = JsonValues.deepCopy(object);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> md) {
      Map<String, Object> metadata = (Map<String, Object>) md;
      for (String f : SERVER_METADATA) metadata.remove(f);
      if (metadata.get("annotations") instanceof Map<?, ?> ann) {
        ann.remove("kubectl.kubernetes.io/last-applied-configuration");
        if (ann.isEmpty()) metadata.remove("annotations");
      }
    }
    return copy;
  }

  /**
   * The object with every value of a Secret's {@code data} and {@code stringData} shown as
   * {@link #MASK}, for printing desired state; other objects are returned as they are.
   */
  public static Map<String, Object> maskSecret(Map<String, Object> object) {
    if (!"Secret".equals(object.get("kind")) || !"v1".equals(object.get("apiVersion"))) return object;
    Map<String, Object> copy = JsonValues.deepCopy(object);
    for (String field : new String[] {"data", "stringData"}) {
      if (copy.get(field) instanceof Map<?, ?> values) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
        copy.put(field, masked);
      }
    }
    return copy;
  }

  /** Both sides normalized, with Secret values masked pairwise. */
  public static Pair forDiff(Map<String, Object> live, Map<String, Object> desired) {
    Map<String, Object> l = normalize(live);
    Map<String, Object> d = normalize(desired);
    Map<String, Object> probe = d != null ? d : l;
    if (probe != null && "Secret".equals(probe.get("kind")) && "v1".equals(probe.get("apiVersion"))) {
      for (String field : new String[] {"data", "stringData"}) {
        maskField(l, d, field);
      }
    }
    return new Pair(l, d);
  }

  public record Pair(Map<String, Object> live, Map<String, Object> desired) {}

  /**
   * Equal values show as the same mask and changed values as different masks, so a diff says
   * that a secret changed without showing either value (nor a digest that could be guessed).
   */
  private static void maskField(Map<String, Object> live, Map<String, Object> desired, String field) {
    Map<?, ?> lv = live != null && live.get(field) instanceof Map<?, ?> m ? m : null;
    Map<?, ?> dv = desired != null && desired.get(field) instanceof Map<?, ?> m ? m : null;
    if (lv != null) {
      Map<String, Object> masked = new LinkedHashMap<>();
      lv.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
      live.put(field, masked);
    }
    if (dv != null) {
      Map<String, Object> masked = new LinkedHashMap<>();
      dv.forEach((k, v) -> {
        boolean same = lv != null && JsonValues.semanticallyEqual(v, lv.get(k));
        masked.put(String.valueOf(k), same ? MASK : MASK_CHANGED);
      });
      desired.put(field, masked);
    }
  }

  /** What a Secret value is shown as. */
  public static final String MASK = "++++++++";
  private static final String MASK_CHANGED = "++++++++ (changed)";
}
