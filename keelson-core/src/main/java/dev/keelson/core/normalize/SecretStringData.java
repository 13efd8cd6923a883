package dev.keelson.core.normalize;

import dev.keelson.core.diff.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Secret's {@code stringData} folded into {@code data} (base64), with {@code stringData} winning
 * on a shared key, as the API server does when it stores the Secret.
 *
 * <p>The API server never keeps {@code stringData}: applied as such, the applier's fields are
 * {@code stringData.*}, which no live object (nor a dry run) ever shows, so a changed value in
 * {@code data} would never count as drift and never be healed. Applying {@code data} makes the
 * applier own the fields that are stored. Flux's ssa package normalises Secrets the same way.
 */
public final class SecretStringData {

  private SecretStringData() {}

  /**
   * @param body the object; not modified
   * @return {@code body} itself unless it is a core Secret with {@code stringData}, otherwise a copy
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> apply(String group, String kind, Map<String, Object> body) {
    if (!group.isEmpty() || !"Secret".equals(kind) || !(body.get("stringData") instanceof Map<?, ?> stringData)) {
      return body;
    }
    Map<String, Object> copy = JsonValues.deepCopy(body);
    Map<String, Object> data = copy.get("data") instanceof Map<?, ?> d
        ? new LinkedHashMap<>((Map<String, Object>) d)
        : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : stringData.entrySet()) {
      String value = e.getValue() == null ? "" : String.valueOf(e.getValue());
      data.put(String.valueOf(e.getKey()), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }
    copy.put("data", data);
    copy.remove("stringData");
    return copy;
  }
}
