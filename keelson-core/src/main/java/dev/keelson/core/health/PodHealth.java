package dev.keelson.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pod: as in Argo CD. */
final class PodHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> pod) {
    String restartPolicy = Fields.string(pod, "spec", "restartPolicy");
    boolean restartsAlways = restartPolicy.isEmpty() || restartPolicy.equals("Always");
    String message = Fields.string(pod, "status", "message");

    // Only for long-running pods: a run-to-completion pod (a hook or a job-like pod) that waits
    // on an image may still succeed, and calling it Degraded would fail whatever waits for it.
    if (restartsAlways) {
      List<String> stuck = new ArrayList<>();
      for (Map<String, Object> c : containerStatuses(pod)) {
        String reason = Fields.string(c, "state", "waiting", "reason");
        if (isStuckReason(reason)) {
          String detail = Fields.string(c, "state", "waiting", "message");
          stuck.add(
              "container \"" + Fields.string(c, "name") + "\": " + reason
                  + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
      }
      if (!stuck.isEmpty()) {
        return Health.degraded(String.join("; ", stuck));
      }
    }

    switch (Fields.string(pod, "status", "phase")) {
      case "Pending":
        return Health.progressing(message);
      case "Succeeded":
        return Health.healthy(message);
      case "Failed":
        return Health.degraded(failureMessage(pod, message));
      case "Running":
        if (!restartsAlways) {
          // Pods with a finite life are not "healthy" until they have succeeded.
          return Health.progressing(message);
        }
        if (Fields.condition(pod, "Ready").filter(Condition::isTrue).isPresent()) {
          return Health.healthy(message);
        }
        for (Map<String, Object> c : Fields.maps(pod, "status", "containerStatuses")) {
          if (Fields.has(c, "lastState", "terminated")) {
            // Not ready and a container has already died once: restarting, not starting.
            return Health.degraded(message);
          }
        }
        return Health.progressing(message);
      default:
        return Health.unknown(message);
    }
  }

  /**
   * Waiting reasons that do not resolve by waiting: CrashLoopBackOff, ImagePullBackOff,
   * ErrImagePull, CreateContainerConfigError, InvalidImageName and their relatives. Argo CD's
   * rule ("Err*", "*Error", "*BackOff") plus InvalidImageName, which the rule misses.
   */
  static boolean isStuckReason(String reason) {
    return reason.startsWith("Err")
        || reason.endsWith("Error")
        || reason.endsWith("BackOff")
        || reason.equals("InvalidImageName");
  }

  private static List<Map<String, Object>> containerStatuses(Map<String, Object> pod) {
    List<Map<String, Object>> all = new ArrayList<>(Fields.maps(pod, "status", "initContainerStatuses"));
    all.addAll(Fields.maps(pod, "status", "containerStatuses"));
    return all;
  }

  private static String failureMessage(Map<String, Object> pod, String podMessage) {
    if (!podMessage.isEmpty()) {
      return podMessage;
    }
    for (Map<String, Object> c : containerStatuses(pod)) {
      Map<String, Object> terminated = Fields.map(c, "state", "terminated");
      if (terminated.isEmpty()) {
        continue;
      }
      String message = Fields.string(terminated, "message");
      if (!message.isEmpty()) {
        return message;
      }
      String reason = Fields.string(terminated, "reason");
      if (reason.equals("OOMKilled")) {
        return "container \"" + Fields.string(c, "name") + "\" was OOMKilled";
      }
      long exitCode = Fields.number(terminated, 0, "exitCode");
      if (exitCode != 0) {
        return "container \"" + Fields.string(c, "name") + "\" failed with exit code " + exitCode;
      }
    }
    return Fields.string(pod, "status", "reason");
  }
}
