package dev.keelson.rollouts.canary;

import java.time.Duration;
import java.util.Optional;

/** One canary step, as the step machine sees it. */
public sealed interface Step {
  /** Send this share (0-100) of the traffic to the canary; without traffic routing, of the replicas. */
  record SetWeight(int weight) implements Step {
    public SetWeight {
      if (weight < 0 || weight > 100) throw new IllegalArgumentException("setWeight must be 0-100, was " + weight);
    }
  }

  /** Wait for a promote ({@code pause: {}}), or for a duration. */
  record Pause(Optional<Duration> duration) implements Step {}

  /** Run the named analysis and go on only when it succeeds. */
  record Analysis(String name) implements Step {}
}
