package dev.keelson.automation.promotion;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * @param analyses one per stage: the candidate whose AnalysisRun the stage must have (created when
 *     missing, any other run of the stage replaced), or empty when it needs none now
 * @param recheck when to look again without a change of the stages' apps (a soak ending), or empty
 */
public record PromotionDecision(List<StageState> stages, PromotionAction action, List<Optional<Freight>> analyses,
    Optional<Duration> recheck) {
  public PromotionDecision {
    stages = List.copyOf(stages);
    analyses = List.copyOf(analyses);
  }
}
