package dev.keelson.ui.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One app's detail, tree, manifests, diff, history, events and operation, as keelson-server shapes them. */
final class CannedDetail {
  private CannedDetail() {}

  static final String DEPLOY_DIFF = String.join("\n",
      "--- live apps/Deployment prod/web", "+++ desired apps/Deployment prod/web", "@@ -5,3 +5,3 @@",
      " spec:", "-  replicas: 1", "+  replicas: 3", "   selector:");

  static Map<String, Object> detail(Map<String, Object> summary) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "SyncWindowBlocked",
        "message", "a deny window is open until 06:00 UTC")));
    status.put("operationState", operation());
    status.put("pendingApproval", Map.of("revision", "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c", "since", "2026-12-01T11:00:00Z",
        "changes", List.of("Configure Deployment/prod/web", "Create ConfigMap/prod/web-config")));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("summary", summary);
    d.put("annotations", Map.of());
    d.put("resourceVersion", "12345");
    d.put("spec", Map.of("project", summary.get("project")));
    d.put("status", status);
    return d;
  }

  static Map<String, Object> operation() {
    return Map.of("phase", "Running", "syncPhase", "Sync", "wave", 1, "message", "waiting for Deployment prod/web to be healthy",
        "revision", "3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b", "initiatedBy", "alice", "trigger", "manual",
        "startedAt", "2026-12-01T10:00:00Z",
        "results", List.of(
            Map.of("group", "batch", "kind", "Job", "namespace", "prod", "name", "migrate", "hookPhase", "Succeeded",
                "syncPhase", "PreSync", "wave", 0, "status", "Succeeded", "message", "job completed"),
            Map.of("group", "", "kind", "ConfigMap", "namespace", "prod", "name", "web-config", "wave", 0, "status", "Synced"),
            Map.of("group", "apps", "kind", "Deployment", "namespace", "prod", "name", "web", "wave", 1, "status", "Synced")));
  }

  private static Map<String, Object> node(String group, String kind, String name, boolean managed, String sync,
      String health, List<Map<String, Object>> children) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("group", group);
    n.put("version", "v1");
    n.put("kind", kind);
    n.put("namespace", "prod");
    n.put("name", name);
    n.put("managed", managed);
    n.put("sync", sync);
    n.put("health", health == null ? null : Map.of("status", health));
    n.put("message", null);
    n.put("children", children);
    return n;
  }

  static Map<String, Object> tree() {
    var pods = List.of(
        node("", "Pod", "web-7d9f-a", false, null, "Healthy", List.of()),
        node("", "Pod", "web-7d9f-b", false, null, "Healthy", List.of()),
        node("", "Pod", "web-7d9f-c", false, null, "Degraded", List.of()),
        node("", "Pod", "web-7d9f-d", false, null, "Healthy", List.of()));
    var rs = node("apps", "ReplicaSet", "web-7d9f", false, null, "Healthy", pods);
    return Map.of("nodes", List.of(
        node("apps", "Deployment", "web", true, "OutOfSync", "Progressing", List.of(rs)),
        node("", "Service", "web", true, "Synced", "Healthy", List.of()),
        node("", "ConfigMap", "web-config", true, "OutOfSync", null, List.of())));
  }

  static Map<String, Object> manifests() {
    Map<String, Object> desired = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", "web", "namespace", "prod"), "spec", Map.of("replicas", 3));
    Map<String, Object> live = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", "web", "namespace", "prod"), "spec", Map.of("replicas", 1));
    Map<String, Object> cm = new LinkedHashMap<>(Map.of("group", "", "kind", "ConfigMap", "namespace", "prod", "name", "web-config",
        "desired", Map.of("apiVersion", "v1", "kind", "ConfigMap", "data", Map.of("port", "8080"))));
    cm.put("live", null);
    return Map.of("revision", "3f2a9c1d", "objects", List.of(
        Map.of("group", "apps", "kind", "Deployment", "namespace", "prod", "name", "web", "desired", desired, "live", live), cm));
  }

  static Map<String, Object> diff() {
    return Map.of("revision", "3f2a9c1d", "different", true, "objects", List.of(
        Map.of("group", "apps", "kind", "Deployment", "namespace", "prod", "name", "web", "diff", DEPLOY_DIFF)));
  }

  static Map<String, Object> history() {
    return Map.of("entries", List.of(
        Map.of("id", 1, "revision", "1111111aaaaaaa", "deployedAt", "2026-11-30T09:00:00Z", "result", "Succeeded", "initiatedBy", "automated"),
        Map.of("id", 2, "revision", "2222222bbbbbbb", "deployedAt", "2026-12-01T09:00:00Z", "result", "Failed", "initiatedBy", "bob")));
  }

  static Map<String, Object> events() {
    return Map.of("items", List.of(Map.of("type", "Normal", "reason", "SyncRequested", "message", "sync requested by alice",
        "count", 1, "lastTimestamp", "2026-12-01T10:00:00Z", "source", "keelson-server")));
  }
}
