package dev.keelson.core.appset;

import java.util.Map;

/** A destination cluster as the cluster generator sees it: its Secret's name field, server and labels. */
public record ClusterInfo(String name, String server, Map<String, String> labels) {
  public static final String IN_CLUSTER_NAME = "in-cluster";
  public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

  public ClusterInfo {
    labels = Map.copyOf(labels);
  }
}
