package dev.keelson.controller.repos;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A Secret's values as text: {@code data} decoded, {@code stringData} (not yet merged by a server) on top. */
public final class SecretData {
  private SecretData() {}

  public static Map<String, String> of(Secret s) {
    Map<String, String> out = new HashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, v == null ? "" : new String(Base64.getMimeDecoder().decode(v),
          StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) out.putAll(s.getStringData());
    return out;
  }
}
