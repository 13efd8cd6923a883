package dev.keelson.core.normalize;

import dev.keelson.core.diff.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills in the API server's own default where a list entry would otherwise lack part of its
 * merge key: {@code protocol} of Service ports and of container, init container and ephemeral
 * container ports, which the API defaults to {@code TCP}.
 *
 * <p>Server-side apply identifies such entries by their key ({@code port} + {@code protocol},
 * {@code containerPort} + {@code protocol}); older API servers (1.20 among them) refuse an
 * applied entry that omits a key field, although nearly every manifest in the wild leaves
 * {@code protocol} out. Setting the value the server would default anyway changes nothing a newer
 * server stores, and the live object then matches the desired one, so no drift appears. This is
 * what Flux's ssa package does for the same kinds.
 */
public final class ListKeyDefaults {

  static final String DEFAULT_PROTOCOL = "TCP";

  private static final Set<String> CORE_OR_WORKLOAD_GROUPS = Set.of("", "apps", "batch", "extensions");
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private ListKeyDefaults() {}

  /**
   * @param group API group of the object ("" for the core group)
   * @param kind the object's kind
   * @param body the object; not modified
   * @return {@code body} itself when nothing was missing, otherwise a copy with the defaults set
   */
  public static Map<String, Object> apply(String group, String kind, Map<String, Object> body) {
    if (!CORE_OR_WORKLOAD_GROUPS.contains(group) || !needsDefaults(group, kind, body)) {
      return body;
    }
    Map<String, Object> copy = JsonValues.deepCopy(body);
    visit(group, kind, copy, true);
    return copy;
  }

  private static boolean needsDefaults(String group, String kind, Map<String, Object> body) {
    return visit(group, kind, body, false);
  }

  /** @return whether a default is missing somewhere; sets it when {@code fix} */
  private static boolean visit(String group, String kind, Map<String, Object> body, boolean fix) {
    if (group.isEmpty() && kind.equals("Service")) {
      return defaultProtocols(JsonValues.path(body, "spec", "ports"), fix);
    }
    Object podSpec = podSpec(kind, body);
    if (!(podSpec instanceof Map<?, ?> spec)) {
      return false;
    }
    boolean missing = false;
    for (String list : CONTAINER_LISTS) {
      if (spec.get(list) instanceof List<?> containers) {
        for (Object c : containers) {
          if (c instanceof Map<?, ?> container) {
            missing |= defaultProtocols(container.get("ports"), fix);
          }
        }
      }
    }
    return missing;
  }

  /** Where the kind keeps its pod spec, or null for kinds that have none. */
  private static Object podSpec(String kind, Map<String, Object> body) {
    return switch (kind) {
      case "Pod" -> body.get("spec");
      case "PodTemplate" -> JsonValues.path(body, "template", "spec");
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
          JsonValues.path(body, "spec", "template", "spec");
      case "CronJob" -> JsonValues.path(body, "spec", "jobTemplate", "spec", "template", "spec");
      default -> null;
    };
  }

  private static boolean defaultProtocols(Object ports, boolean fix) {
    if (!(ports instanceof List<?> list)) {
      return false;
    }
    boolean missing = false;
    for (Object p : list) {
      if (p instanceof Map<?, ?> port && port.get("protocol") == null) {
        missing = true;
        if (fix) {
          @SuppressWarnings("unchecked")
          Map<String, Object> writable = (Map<String, Object>) port;
          writable.put("protocol", DEFAULT_PROTOCOL);
        }
      }
    }
    return missing;
  }
}
