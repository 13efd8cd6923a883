package dev.keelson.ui.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications the canned API serves, as keelson-server's ApplicationSummary: app-00000 to
 * app-NNNNN in ten namespaces, every seventh OutOfSync, every eleventh Degraded.
 */
final class CannedApps {
  private CannedApps() {}

  static List<Map<String, Object>> generate(int count) {
    List<Map<String, Object>> apps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) apps.add(summary(i));
    // The server lists in namespace/name order.
    apps.sort((a, b) -> (a.get("namespace") + "/" + a.get("name")).compareTo(b.get("namespace") + "/" + b.get("name")));
    return apps;
  }

  static Map<String, Object> summary(int i) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("namespace", "team-" + (i % 10));
    a.put("name", String.format("app-%05d", i));
    a.put("project", i % 3 == 0 ? "payments" : "default");
    a.put("cluster", i % 2 == 0 ? "in-cluster" : "https://east.example:6443");
    a.put("destinationNamespace", "prod");
    a.put("repoURL", "https://git.example/platform/deploy.git");
    a.put("path", "apps/" + String.format("app-%05d", i));
    a.put("targetRevision", "main");
    a.put("sync", i % 7 == 0 ? "OutOfSync" : "Synced");
    a.put("revision", "3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b");
    a.put("health", i % 11 == 0 ? "Degraded" : "Healthy");
    a.put("healthMessage", i % 11 == 0 ? "Deployment web: 1 of 3 replicas available" : null);
    a.put("operationPhase", "Succeeded");
    a.put("suspended", false);
    a.put("lastSyncedAt", "2026-12-01T10:00:00Z");
    a.put("labels", Map.of("team", "team-" + (i % 10), "tier", i % 2 == 0 ? "front" : "back"));
    return a;
  }

  /** The list endpoint's filters, as keelson-server's AppQuery applies them. */
  static boolean matches(Map<String, Object> a, Map<String, String> q, boolean withSync, boolean withHealth) {
    for (String key : List.of("namespace", "project", "cluster")) {
      if (q.containsKey(key) && !q.get(key).equals(a.get(key))) return false;
    }
    if (withSync && q.containsKey("sync") && !q.get("sync").equals(a.get("sync"))) return false;
    if (withHealth && q.containsKey("health") && !q.get("health").equals(a.get("health"))) return false;
    if (q.containsKey("label")) {
      String[] kv = q.get("label").split("=", 2);
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) a.get("labels");
      if (kv.length == 1 ? !labels.containsKey(kv[0]) : !kv[1].equals(labels.get(kv[0]))) return false;
    }
    if (q.containsKey("search")) {
      String hay = String.join("\n", (String) a.get("namespace"), (String) a.get("name"), (String) a.get("project"),
          (String) a.get("cluster"), (String) a.get("repoURL"), (String) a.get("path"));
      return hay.toLowerCase().contains(q.get("search").toLowerCase());
    }
    return true;
  }
}
