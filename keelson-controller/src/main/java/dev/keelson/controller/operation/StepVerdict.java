package dev.keelson.controller.operation;

/** Whether a step that was applied is done: its objects healthy, its hooks completed. */
sealed interface StepVerdict {
  record Done() implements StepVerdict {}

  record Waiting(String why) implements StepVerdict {}

  record Failed(String why) implements StepVerdict {}

  StepVerdict DONE = new Done();
}
