package dev.keelson.automation.promotion;

import java.time.Duration;

/** One stage as the decision needs it. */
public record StageSpec(String name, Approval approval, Duration soak, Verification verification) {
  public StageSpec(String name, Approval approval, Duration soak) {
    this(name, approval, soak, Verification.SOAK);
  }
}
