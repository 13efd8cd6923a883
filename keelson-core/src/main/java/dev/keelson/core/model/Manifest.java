package dev.keelson.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One desired object as rendered from the source.
 *
 * @param key identity (namespace may be empty until the destination namespace is applied)
 * @param apiVersion full apiVersion, e.g. {@code apps/v1}
 * @param body the object as plain maps and lists (JSON model), never mutated after creation
 * @param origin where it came from, e.g. {@code deploy/web.yaml#1} (file and document index),
 *     used in every error message about the object
 */
public record Manifest(ResourceKey key, String apiVersion, Map<String, Object> body, String origin) {
  public Manifest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(body, "body");
    origin = origin == null ? "" : origin;
  }

  public String kind() {
    return key.kind();
  }

  public String version() {
    return ResourceKey.versionOf(apiVersion);
  }
}
