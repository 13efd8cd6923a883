package dev.keelson.controller.engine;

import dev.keelson.core.health.Health;
import dev.keelson.core.health.ExpressionHealthRule;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 6 of the flow: health of each object and of the app (the worst of its objects). An
 * object whose unhealthy cached version has not changed for a while is read again from the API server
 * before it is judged: a watch that lags behind (or missed an update) must not keep an app
 * Progressing. Objects that turn healthy quickly, as at a cold start, cost no extra reads.
 */
public final class HealthEvaluator {
  /** How long an object may look unhealthy from the cache alone. */
  static final Duration TRUST_CACHE_FOR = Duration.ofSeconds(30);

  private final HealthAssessor assessor;
  private final ClusterObjects resources;
  private final Clock clock;
  private final Map<ResourceKey, Seen> unhealthySince = new ConcurrentHashMap<>();

  /** Since when the cache has shown this unhealthy version of the object. */
  private record Seen(Object resourceVersion, Instant since) {}

  public HealthEvaluator(HealthAssessor assessor, ClusterObjects resources, Clock clock) {
    this.assessor = assessor;
    this.resources = resources;
    this.clock = clock;
  }

  public record Result(Map<ResourceKey, Health> perObject, Health app) {}

  /** The assessment for an app: built-in rules plus its own healthChecks. */
  public HealthAssessor assessorFor(List<ExpressionHealthRule> rules) {
    return rules.isEmpty() ? assessor : assessor.withRules(rules);
  }

  /** @param applied objects as returned by this sync's apply calls, fresher than the cache */
  public Result assess(List<ResourceState> states, Map<String, Map<String, Object>> applied) {
    return assess(states, applied, assessor);
  }

  public Result assess(List<ResourceState> states, Map<String, Map<String, Object>> applied, HealthAssessor assessor) {
    Map<ResourceKey, Health> per = new LinkedHashMap<>();
    Health worst = new Health(HealthStatus.Healthy, "");
    for (ResourceState s : states) {
      Map<String, Object> live = applied.getOrDefault(s.desired().key().inventoryId(), s.live());
      Health h = assessor.assess(live);
      if (live != null && h.status() != HealthStatus.Healthy && !applied.containsKey(s.desired().key().inventoryId())
          && unchangedLongerThan(s.desired().key(), live, TRUST_CACHE_FOR)) {
        h = assessor.assess(fresh(s, live));
      }
      if (h.status() == HealthStatus.Healthy) unhealthySince.remove(s.desired().key());
      per.put(s.desired().key(), h);
      if (h.status().isWorseThan(worst.status())) {
        worst = new Health(h.status(), s.desired().key() + ": " + (h.message() == null ? h.status().name() : h.message()));
      }
    }
    return new Result(per, worst);
  }

  /**
   * True when the cache has shown the same unhealthy version for longer than the limit: an
   * object whose status keeps moving is being watched fine and needs no extra read.
   */
  private boolean unchangedLongerThan(ResourceKey key, Map<String, Object> live, Duration limit) {
    Instant now = clock.instant();
    Object version = live.get("metadata") instanceof Map<?, ?> md ? md.get("resourceVersion") : null;
    Seen seen = unhealthySince.compute(key, (k, old) ->
        old != null && Objects.equals(old.resourceVersion(), version) ? old : new Seen(version, now));
    return seen.since().plus(limit).isBefore(now);
  }

  private Map<String, Object> fresh(ResourceState s, Map<String, Object> cached) {
    try {
      Map<String, Object> live = resources.get(s.desired().apiVersion(), s.desired().key());
      return live == null ? cached : live;
    } catch (KubeException e) {
      return cached; // judged on what the watch saw; the next reconcile reads again
    }
  }
}
