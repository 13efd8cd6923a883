package dev.keelson.rollouts.analysis;

import dev.keelson.api.rollouts.v1alpha1.AnalysisArgument;
import dev.keelson.api.rollouts.v1alpha1.AnalysisMetric;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunArgument;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunSpec;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplateRef;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplateSpec;
import dev.keelson.api.rollouts.v1alpha1.ClusterAnalysisTemplate;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AnalysisRun's spec made from AnalysisTemplates and ClusterAnalysisTemplates and the arguments
 * given to them, as Argo Rollouts does: the templates' metrics in order, each template argument's
 * value the one given, else its default, and {@code {{args.name}}} replaced in the metrics. Used
 * for a Rollout's analysis steps and for a promotion stage's analysis, so both read templates the
 * same way.
 */
public final class AnalysisRunSpecs {
  private final KubernetesClient client;

  public AnalysisRunSpecs(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param namespace where the AnalysisTemplates (not the cluster-scoped ones) are looked up
   * @throws IllegalArgumentException naming a template that is missing or an argument without a value
   */
  public AnalysisRunSpec resolve(String namespace, List<AnalysisTemplateRef> templates, List<AnalysisRunArgument> given) {
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, String> declaredBy = new LinkedHashMap<>();
    List<AnalysisMetric> metrics = new ArrayList<>();
    for (AnalysisTemplateRef ref : templates) {
      AnalysisTemplateSpec spec = template(namespace, ref);
      for (AnalysisArgument a : spec.args) {
        declaredBy.putIfAbsent(a.name, kind(ref) + " " + ref.templateName);
        if (a.value != null) args.putIfAbsent(a.name, a.value);
      }
      metrics.addAll(spec.metrics);
    }
    for (AnalysisRunArgument a : given) args.put(a.name, a.value);
    for (var d : declaredBy.entrySet()) {
      // given without a value is given as empty (the API server stores "" as null)
      if (!args.containsKey(d.getKey())) {
        throw new IllegalArgumentException("argument " + d.getKey() + " of " + d.getValue() + " has no value");
      }
    }
    String json = client.getKubernetesSerialization().asJson(metrics);
    for (var e : args.entrySet()) json = json.replace("{{args." + e.getKey() + "}}", e.getValue() == null ? "" : e.getValue());
    AnalysisRunSpec run = new AnalysisRunSpec();
    run.metrics = List.of(client.getKubernetesSerialization().unmarshal(json, AnalysisMetric[].class));
    args.forEach((k, v) -> {
      AnalysisArgument a = new AnalysisArgument();
      a.name = k;
      a.value = v;
      run.args.add(a);
    });
    return run;
  }

  private AnalysisTemplateSpec template(String ns, AnalysisTemplateRef ref) {
    if (Boolean.TRUE.equals(ref.clusterScope)) {
      ClusterAnalysisTemplate t = client.resources(ClusterAnalysisTemplate.class).withName(ref.templateName).get();
      if (t == null) throw new IllegalArgumentException("ClusterAnalysisTemplate " + ref.templateName + " not found");
      return t.getSpec();
    }
    AnalysisTemplate t = client.resources(AnalysisTemplate.class).inNamespace(ns).withName(ref.templateName).get();
    if (t == null) throw new IllegalArgumentException("AnalysisTemplate " + ref.templateName + " not found");
    return t.getSpec();
  }

  private static String kind(AnalysisTemplateRef ref) {
    return Boolean.TRUE.equals(ref.clusterScope) ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
  }
}
