package dev.keelson.controller.engine;

import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 6 of the flow: health of each object and of the app (the worst of its objects). */
public final class HealthCheck {
  private final HealthAssessor assessor;

  public HealthCheck(HealthAssessor assessor) {
    this.assessor = assessor;
  }

  public record Result(Map<ResourceKey, Health> perObject, Health app) {}

  /** @param applied objects as returned by this sync's apply calls, fresher than the cache */
  public Result assess(List<ResourceState> states, Map<String, Map<String, Object>> applied) {
    Map<ResourceKey, Health> per = new LinkedHashMap<>();
    Health worst = new Health(HealthStatus.Healthy, "");
    for (ResourceState s : states) {
      Map<String, Object> live = applied.getOrDefault(s.desired().key().inventoryId(), s.live());
      Health h = assessor.assess(live);
      per.put(s.desired().key(), h);
      if (h.status().isWorseThan(worst.status())) {
        worst = new Health(h.status(), s.desired().key() + ": " + (h.message() == null ? h.status().name() : h.message()));
      }
    }
    return new Result(per, worst);
  }
}
