package dev.keelson.rollouts.runtime;

import java.time.Clock;
import java.util.Objects;

/**
 * How Rollouts are served.
 *
 * @param enabled whether the controller reconciles Rollouts at all
 * @param clock for pause durations and scale-down delays
 */
public record RolloutOptions(boolean enabled, Clock clock) {
  public RolloutOptions {
    Objects.requireNonNull(clock, "clock");
  }

  public static RolloutOptions defaults() {
    return new RolloutOptions(true, Clock.systemUTC());
  }

  public RolloutOptions withEnabled(boolean on) {
    return new RolloutOptions(on, clock);
  }
}
