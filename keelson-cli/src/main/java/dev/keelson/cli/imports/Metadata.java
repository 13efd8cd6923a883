package dev.keelson.cli.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata of a converted object: name, namespace, labels and annotations of the input one. */
final class Metadata {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Written by the API server: the converted object is a new object and gets its own. */
  private static final String[] SERVER_SET = {"uid", "resourceVersion", "generation", "creationTimestamp",
      "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"};

  private Metadata() {}

  /**
   * Reads name, labels and annotations; the caller reads finalizers and anything else it gives a
   * meaning. kubectl's last-applied copy of the old object is left behind: it describes the input
   * object, not the converted one.
   */
  static Map<String, Object> read(Fields meta, String namespace) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", meta.string("name"));
    meta.ignore("namespace");
    if (namespace != null) out.put("namespace", namespace);
    Map<String, String> labels = meta.stringMap("labels");
    if (labels != null && !labels.isEmpty()) out.put("labels", labels);
    Map<String, String> annotations = meta.stringMap("annotations");
    if (annotations != null) {
      annotations.remove(LAST_APPLIED);
      if (!annotations.isEmpty()) out.put("annotations", annotations);
    }
    meta.ignore(SERVER_SET);
    meta.drop("generateName", "a converted object needs a fixed name; not carried over");
    meta.drop("ownerReferences", "owner references name objects by uid; not carried over");
    return out;
  }

  /** The namespace given: the input's, or the --namespace override. */
  static String namespace(Fields root, ImportOptions options) {
    if (options.namespace() != null) return options.namespace();
    return root.object() == null ? null : root.object().namespace();
  }

  static Map<String, Object> object(String kind, Map<String, Object> metadata, Map<String, Object> spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", KeelsonKinds.API_VERSION);
    out.put("kind", kind);
    out.put("metadata", metadata);
    if (spec != null) out.put("spec", spec);
    return out;
  }
}
