package dev.keelson.api.rollouts.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of a rollout's analysis: the resolved metrics and every measurement taken. */
@Group(Rollout.GROUP)
@Version(Rollout.VERSION)
@Kind("AnalysisRun")
@Plural("analysisruns")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AnalysisRun extends CustomResource<AnalysisRunSpec, AnalysisRunStatus> implements Namespaced {
  public static final String CRD_NAME = "analysisruns.keelson.dev";

  @Override
  protected AnalysisRunSpec initSpec() {
    return new AnalysisRunSpec();
  }
}
