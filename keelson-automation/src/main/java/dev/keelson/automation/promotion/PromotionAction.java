package dev.keelson.automation.promotion;

/** The one thing a pipeline does next; at most one promotion per pass, from the first stage on. */
public sealed interface PromotionAction {
  /** Nothing to do until a stage moves. */
  record Wait(String reason) implements PromotionAction {}

  /** Write {@code freight} into stage {@code stage} (taken from stage {@code stage - 1}). */
  record Promote(int stage, Freight freight) implements PromotionAction {}

  /** Stage {@code stage} has a candidate and requires approval. */
  record AwaitApproval(int stage, Freight freight) implements PromotionAction {}

  /** Stage {@code stage} failed: the pipeline stops there. */
  record Failed(int stage, String reason) implements PromotionAction {}
}
