package dev.keelson.controller.promotion;

/**
 * @param analysisRunsMeasured whether this controller runs the AnalysisRunReconciler (rollouts on):
 *     without it a stage's AnalysisRun would never progress, so pipelines with analysis are refused
 */
public record PromotionOptions(boolean analysisRunsMeasured) {
  public static PromotionOptions withAnalysis() {
    return new PromotionOptions(true);
  }

  public static PromotionOptions withoutAnalysis() {
    return new PromotionOptions(false);
  }
}
