package dev.keelson.api.promotion.v1alpha1;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Ordered stages, each an Application, and what moves between them (a Git revision, image tags,
 * Helm values): a stage is promoted by a commit to its path once the stage before it runs the
 * candidate, Healthy, for its soak duration, and, where approval is required, once approved.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("PromotionPipeline")
@Plural("promotions")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = AdditionalPrinterColumn.Type.STRING)
public class PromotionPipeline extends CustomResource<PromotionPipelineSpec, PromotionPipelineStatus>
    implements Namespaced {
  public static final String CRD_NAME = "promotions.keelson.dev";
  /** `keelson promote NAME --to STAGE`: a promotion asked by hand. */
  public static final String PROMOTE_REQUEST = "promotions.keelson.dev/promote";
  /** `keelson promote approve NAME`: a stage's candidate approved. */
  public static final String APPROVE_REQUEST = "promotions.keelson.dev/approve";
  /** On a stage's AnalysisRun: the pipeline, the stage and the candidate (a hash of its freight) it measures. */
  public static final String PIPELINE_LABEL = "promotions.keelson.dev/pipeline";
  public static final String STAGE_LABEL = "promotions.keelson.dev/stage";
  public static final String CANDIDATE_LABEL = "promotions.keelson.dev/candidate";

  @Override
  protected PromotionPipelineSpec initSpec() {
    return new PromotionPipelineSpec();
  }
}
