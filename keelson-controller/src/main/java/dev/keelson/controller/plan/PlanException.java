package dev.keelson.controller.plan;

/** Nothing could be planned: the repository, the revision or the app asked for is not there. */
public final class PlanException extends Exception {
  public PlanException(String message) {
    super(message);
  }
}
