package dev.keelson.controller.appset;

/** Labels and annotations that tie generated Applications to their set, and the set's requests. */
public final class AppSetLabels {
  /** On each generated Application: the name of its set (also an ownerReference names it). */
  public static final String SET = "keelson.dev/application-set";

  /** On each generated Application: the index of the top-level generator that made it. */
  public static final String GENERATOR = "keelson.dev/application-set-generator";

  /**
   * On the set, written by {@code keelson appset confirm}: an OperatorRequest whose revision
   * field carries the id of the held deletions it confirms.
   */
  public static final String CONFIRM = "keelson.dev/confirm-deletion";

  /** On the set, written by {@code keelson appset promote}: an OperatorRequest releasing the step that waits. */
  public static final String PROMOTE = "keelson.dev/promote";

  private AppSetLabels() {}
}
