package dev.keelson.helm;

import dev.keelson.core.model.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * What a chart renders to.
 *
 * @param manifests the objects in Helm's output order, hooks included (they keep their {@code
 *     helm.sh/hook*} annotations); each origin is the chart file it came from, such as {@code
 *     templates/deployment.yaml#1}, {@code crds/crd.yaml#1} or {@code
 *     charts/redis/templates/svc.yaml#1}
 * @param engine always {@link #ENGINE}
 * @param chartName the chart's name from its Chart.yaml
 * @param chartVersion the chart's version from its Chart.yaml
 * @param readsCluster whether a template calls {@code lookup}: the output then depends on the
 *     cluster's live objects too, and the same inputs must be rendered again
 */
public record HelmResult(List<Manifest> manifests, String engine, String chartName, String chartVersion,
    boolean readsCluster) {
  public static final String ENGINE = "helm";

  public HelmResult {
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(engine, "engine");
  }
}
