package dev.keelson.controller.operation;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.Pruner;
import dev.keelson.controller.engine.ResourceState;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.sync.SyncPlan;
import java.util.Map;
import java.util.Set;

/**
 * What an operation works on in one reconcile: the plan and, by key, the compared objects, the
 * hooks, the stale objects and every object's sync hints.
 *
 * @param namespaces namespaces to create before applying (CreateNamespace=true)
 * @param health the app's health assessment (built-in rules plus its healthChecks)
 */
public record OperationInput(
    AppSettings app,
    SyncPlan plan,
    Map<ResourceKey, ResourceState> states,
    Map<ResourceKey, Manifest> hooks,
    Map<ResourceKey, Pruner.Stale> stale,
    Map<ResourceKey, SyncHints> hints,
    Set<String> namespaces,
    HealthAssessor health) {

  SyncHints hintsOf(ResourceKey key) {
    return hints.getOrDefault(key, SyncHints.DEFAULTS);
  }
}
