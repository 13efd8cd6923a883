package dev.keelson.cli.imports;

import java.util.Map;

/** Which input object a warning is about: its kind, namespace (null when it has none) and name. */
public record ObjectRef(String kind, String namespace, String name) {

  static ObjectRef of(Map<String, Object> object) {
    Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    return new ObjectRef(text(object.get("kind")), text(metadata.get("namespace")), text(metadata.get("name")));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  /** kind/namespace/name, or kind/name for an object without a namespace. */
  @Override
  public String toString() {
    return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}
