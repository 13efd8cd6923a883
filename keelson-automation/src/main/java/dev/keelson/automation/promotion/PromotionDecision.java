package dev.keelson.automation.promotion;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * @param recheck when to look again without a change of the stages' apps (a soak ending), or empty
 */
public record PromotionDecision(List<StageState> stages, PromotionAction action, Optional<Duration> recheck) {
  public PromotionDecision {
    stages = List.copyOf(stages);
  }
}
