package dev.keelson.api.rollouts.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Metrics a rollout measures, with the arguments they take. */
@Group(Rollout.GROUP)
@Version(Rollout.VERSION)
@Kind("AnalysisTemplate")
@Plural("analysistemplates")
public class AnalysisTemplate extends CustomResource<AnalysisTemplateSpec, Void> implements Namespaced {
  public static final String CRD_NAME = "analysistemplates.keelson.dev";

  @Override
  protected AnalysisTemplateSpec initSpec() {
    return new AnalysisTemplateSpec();
  }
}
