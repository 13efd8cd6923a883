package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Argo Rollouts' BlueGreenStrategy field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlueGreenStrategy {
  public String activeService;
  public String previewService;
  public Boolean autoPromotionEnabled;
  public Integer autoPromotionSeconds;
  public Integer previewReplicaCount;
  public Integer scaleDownDelaySeconds;
  public RolloutAnalysis prePromotionAnalysis;
  public RolloutAnalysis postPromotionAnalysis;
}
