package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a sealed value may be opened. The scope is bound into the RSA-OAEP label, so a blob sealed
 * for one name or namespace cannot be decrypted under another: the label, not a check in code,
 * is what enforces it.
 */
public enum SealingScope {
  /** Only as the Secret {@code namespace/name} (the default). */
  STRICT("strict"),
  /** Under any name in its namespace. */
  NAMESPACE_WIDE("namespace-wide"),
  /** Anywhere. */
  CLUSTER_WIDE("cluster-wide");

  private final String flag;

  SealingScope(String flag) {
    this.flag = flag;
  }

  /** kubeseal's spelling, as in {@code --scope}. */
  public String flag() {
    return flag;
  }

  /** The OAEP label: {@code namespace/name}, {@code namespace}, or empty. */
  public byte[] label(String namespace, String name) {
    String label = switch (this) {
      case STRICT -> namespace + "/" + name;
      case NAMESPACE_WIDE -> namespace;
      case CLUSTER_WIDE -> "";
    };
    return label.getBytes(StandardCharsets.UTF_8);
  }

  /** From kubeseal's spelling; empty means strict. */
  public static SealingScope parse(String flag) {
    if (flag == null || flag.isEmpty()) return STRICT;
    for (SealingScope s : values()) {
      if (s.flag.equals(flag)) return s;
    }
    throw new IllegalArgumentException("scope must be one of: strict, namespace-wide, cluster-wide (got " + flag + ")");
  }

  /** As upstream reads it from an object's annotations: cluster-wide wins over namespace-wide. */
  public static SealingScope ofAnnotations(Map<String, String> annotations) {
    if (annotations == null) return STRICT;
    if ("true".equals(annotations.get(SealedSecret.CLUSTER_WIDE_ANNOTATION))) return CLUSTER_WIDE;
    if ("true".equals(annotations.get(SealedSecret.NAMESPACE_WIDE_ANNOTATION))) return NAMESPACE_WIDE;
    return STRICT;
  }

  /** A copy of the annotations that says this scope and no other. */
  public Map<String, String> annotate(Map<String, String> annotations) {
    Map<String, String> out = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
    out.remove(SealedSecret.NAMESPACE_WIDE_ANNOTATION);
    out.remove(SealedSecret.CLUSTER_WIDE_ANNOTATION);
    if (this == NAMESPACE_WIDE) out.put(SealedSecret.NAMESPACE_WIDE_ANNOTATION, "true");
    if (this == CLUSTER_WIDE) out.put(SealedSecret.CLUSTER_WIDE_ANNOTATION, "true");
    return out;
  }
}
