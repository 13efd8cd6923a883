package dev.keelson.rollouts.canary;

/** What an operator asked for, already recorded in status; the step machine applies it. */
public enum OperatorAction {
  NONE,
  /** Leave the current step (a pause, a running analysis) and go on with the next. */
  PROMOTE,
  /** Skip every remaining step. */
  PROMOTE_FULL
}
