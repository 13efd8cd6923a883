package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clusters generator: one parameter set per cluster Secret whose labels match the selector;
 * without a selector also the controller's own cluster (in-cluster), unless a Secret already
 * names its server, as in Argo CD. Parameters: name, nameNormalized, server,
 * metadata.labels.KEY, metadata.annotations.KEY, values.KEY (values rendered with the cluster's parameters).
 */
final class ClusterGenerator {
  private ClusterGenerator() {}

  static List<Params> params(JsonNode spec, List<ClusterInfo> clusters, Templater templater) {
    ParamSelector selector = ParamSelector.parse(spec.get("selector"));
    List<ClusterInfo> chosen = new ArrayList<>();
    for (ClusterInfo c : clusters) {
      if (selector.matches(c.labels())) chosen.add(c);
    }
    if (selector.isEmpty() && clusters.stream().noneMatch(c -> c.server().equals(ClusterInfo.IN_CLUSTER_SERVER))) {
      chosen.add(new ClusterInfo(ClusterInfo.IN_CLUSTER_NAME, ClusterInfo.IN_CLUSTER_SERVER, Map.of()));
    }
    chosen.sort(Comparator.comparing(ClusterInfo::name));
    List<Params> out = new ArrayList<>();
    for (ClusterInfo c : chosen) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", c.name());
      v.put("nameNormalized", Names.normalized(c.name()));
      v.put("server", c.server());
      v.put("metadata", Map.of("labels", new LinkedHashMap<>(c.labels()),
          "annotations", new LinkedHashMap<>(c.annotations())));
      Params base = shaped(v, templater.templating());
      Map<String, Object> values = new LinkedHashMap<>();
      spec.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), templater.string(e.getValue().asText(), base)));
      if (!values.isEmpty()) v.put("values", values);
      out.add(shaped(v, templater.templating()));
    }
    return out;
  }

  static Params shaped(Map<String, Object> nested, Templating templating) {
    Params p = new Params(nested);
    return templating.isGo() ? p : new Params(new LinkedHashMap<>(p.flat()));
  }
}
