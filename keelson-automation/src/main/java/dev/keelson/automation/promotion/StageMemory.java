package dev.keelson.automation.promotion;

import java.time.Instant;

/**
 * What the last status says of a stage.
 *
 * @param since when it entered that phase
 * @param current what it ran then
 * @param promoting what it was promoted to and does not run yet, or null
 * @param approved the key of the candidate approved for it, or null
 * @param offered the key of the candidate of the stage before when this stage was last promoted
 *     (by the pipeline or by hand), or null: a stage is promoted on its own once per candidate, so
 *     a promotion by hand (an older revision, say) is not undone at once
 */
public record StageMemory(StagePhase phase, Instant since, Freight current, Freight promoting, String approved,
    String offered) {
  public static final StageMemory NONE = new StageMemory(null, null, null, null, null, null);
}
