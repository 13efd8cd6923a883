package dev.keelson.server.view;

import java.util.List;
import java.util.Map;

/** A destination cluster, from its Secret; credentials never leave the server. */
public record ClusterView(String name, String server, Map<String, String> labels) {
  public record ClusterList(List<ClusterView> items) {}
}
