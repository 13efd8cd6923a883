package dev.keelson.controller.operation;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.core.sync.HookDeletePolicy;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs hook objects: creates each one fresh for the operation, tells whether it completed, and
 * deletes it as its delete policies say. A hook is marked with the operation's id, so a resumed
 * operation recognises the hooks it already started and never runs one twice; an instance left
 * from an earlier operation is deleted first (BeforeHookCreation, Argo CD's default).
 */
final class HookRunner {
  /** Annotation naming the operation that created a hook instance. */
  static final String OPERATION_ID = "keelson.dev/operation-id";

  private final ClusterObjects resources;

  HookRunner(ClusterObjects resources) {
    this.resources = resources;
  }

  enum Start {
    /** Created now, or found already created by this operation. */
    STARTED,
    /** An earlier instance is being deleted; try again shortly. */
    CLEARING
  }

  enum Completion {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  record State(Completion completion, String message) {}

  Start start(Manifest hook, String operationId) throws KubeException {
    Map<String, Object> live = resources.get(hook.apiVersion(), hook.key());
    if (live != null) {
      if (operationId.equals(annotation(live, OPERATION_ID))) return Start.STARTED;
      if (JsonValues.path(live, "metadata", "deletionTimestamp") == null) {
        resources.delete(hook.apiVersion(), hook.key(), DeletionPropagation.BACKGROUND);
      }
      return Start.CLEARING;
    }
    resources.apply(withOperationId(hook.body(), operationId), hook.key());
    return Start.STARTED;
  }

  /** Dry-run of a hook's creation: what the server would say, changing nothing. */
  void validate(Manifest hook) throws KubeException {
    resources.dryRun(hook.body(), hook.key());
  }

  State state(Manifest hook, String operationId, HealthAssessor health) throws KubeException {
    Map<String, Object> live = resources.get(hook.apiVersion(), hook.key());
    if (live == null || !operationId.equals(annotation(live, OPERATION_ID))) {
      return new State(Completion.FAILED, "hook was deleted before it completed");
    }
    return completion(live, health);
  }

  /** Jobs by their conditions, Pods by their phase, any other kind by its health. */
  static State completion(Map<String, Object> live, HealthAssessor health) {
    String kind = String.valueOf(live.get("kind"));
    if ("Job".equals(kind)) {
      if (condition(live, "Complete")) return new State(Completion.SUCCEEDED, "");
      if (condition(live, "Failed")) return new State(Completion.FAILED, conditionMessage(live, "Failed"));
      return new State(Completion.RUNNING, "job running");
    }
    if ("Pod".equals(kind)) {
      Object phase = JsonValues.path(live, "status", "phase");
      if ("Succeeded".equals(phase)) return new State(Completion.SUCCEEDED, "");
      if ("Failed".equals(phase)) return new State(Completion.FAILED, "pod failed");
      return new State(Completion.RUNNING, "pod " + (phase == null ? "pending" : phase));
    }
    Health h = health.assess(live);
    if (h.status() == HealthStatus.Healthy) return new State(Completion.SUCCEEDED, h.message());
    if (h.status() == HealthStatus.Degraded) return new State(Completion.FAILED, h.message());
    return new State(Completion.RUNNING, h.message());
  }

  /** Deletes a completed hook when its policies say so. */
  void cleanUp(Manifest hook, Set<HookDeletePolicy> policies, boolean succeeded) throws KubeException {
    boolean delete = succeeded ? policies.contains(HookDeletePolicy.HookSucceeded)
        : policies.contains(HookDeletePolicy.HookFailed);
    if (delete) resources.delete(hook.apiVersion(), hook.key(), DeletionPropagation.BACKGROUND);
  }

  /**
   * Deletes the instances of a hook that carry this app's tracking mark: the one object of a named
   * hook, or every run's instance of a {@code generateName} hook (found by its prefix).
   */
  void removeInstances(Manifest hook, AppRef app) throws KubeException {
    String prefix = GeneratedName.prefixOf(hook.body());
    if (prefix == null) {
      Map<String, Object> live = resources.get(hook.apiVersion(), hook.key());
      if (live != null && TrackingMark.isManagedBy(live, app, hook.key())) remove(hook);
      return;
    }
    var labels = Map.of(TrackingMark.LABEL, TrackingMark.labelValue(app));
    for (Map<String, Object> live : resources.list(hook.apiVersion(), hook.kind(), hook.key().namespace(), labels)) {
      Object name = JsonValues.path(live, "metadata", "name");
      ResourceKey key = hook.key().withName(String.valueOf(name));
      if (prefix.equals(JsonValues.path(live, "metadata", "generateName")) && TrackingMark.isManagedBy(live, app, key)) {
        resources.delete(hook.apiVersion(), key, DeletionPropagation.BACKGROUND);
      }
    }
  }

  void remove(Manifest hook) throws KubeException {
    resources.delete(hook.apiVersion(), hook.key(), DeletionPropagation.BACKGROUND);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withOperationId(Map<String, Object> body, String operationId) {
    Map<String, Object> copy = JsonValues.deepCopy(body);
    Map<String, Object> md = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    Map<String, Object> ann = (Map<String, Object>) md.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
    ann.put(OPERATION_ID, operationId);
    return copy;
  }

  private static String annotation(Map<String, Object> live, String key) {
    Object v = JsonValues.path(live, "metadata", "annotations", key);
    return v == null ? null : v.toString();
  }

  private static boolean condition(Map<String, Object> live, String type) {
    return conditions(live).stream().anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
  }

  private static String conditionMessage(Map<String, Object> live, String type) {
    return conditions(live).stream().filter(c -> type.equals(c.get("type")))
        .map(c -> Objects.toString(c.get("message"), Objects.toString(c.get("reason"), "failed")))
        .findFirst().orElse("failed");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(Map<String, Object> live) {
    Object c = JsonValues.path(live, "status", "conditions");
    if (!(c instanceof List<?> list)) return List.of();
    return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
  }
}
