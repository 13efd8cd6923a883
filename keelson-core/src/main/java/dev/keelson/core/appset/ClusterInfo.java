package dev.keelson.core.appset;

import java.util.Map;

/** A destination cluster as the cluster generator sees it: its Secret's name field, server, labels and annotations. */
public record ClusterInfo(String name, String server, Map<String, String> labels, Map<String, String> annotations) {
  public static final String IN_CLUSTER_NAME = "in-cluster";
  public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

  public ClusterInfo {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  public ClusterInfo(String name, String server, Map<String, String> labels) {
    this(name, server, labels, Map.of());
  }
}
