package dev.keelson.api.rollouts.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** An AnalysisTemplate shared by all namespaces. */
@Group(Rollout.GROUP)
@Version(Rollout.VERSION)
@Kind("ClusterAnalysisTemplate")
@Plural("clusteranalysistemplates")
public class ClusterAnalysisTemplate extends CustomResource<AnalysisTemplateSpec, Void> {
  public static final String CRD_NAME = "clusteranalysistemplates.keelson.dev";

  @Override
  protected AnalysisTemplateSpec initSpec() {
    return new AnalysisTemplateSpec();
  }
}
