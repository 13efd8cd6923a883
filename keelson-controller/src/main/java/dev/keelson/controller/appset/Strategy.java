package dev.keelson.controller.appset;

import dev.keelson.core.appset.RollingSync;
import java.util.List;

/** spec.strategy: every app written at once (Argo CD's AllAtOnce, the default), or RollingSync steps. */
sealed interface Strategy {
  record AllAtOnce() implements Strategy {}

  record Rolling(List<RollingSync.Step> steps) implements Strategy {
    public Rolling {
      steps = List.copyOf(steps);
    }
  }
}
