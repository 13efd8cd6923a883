package dev.keelson.controller.faults;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** Reads and waits on the Applications of one namespace, for the fault tests. */
final class Apps {
  private final KubernetesClient client;
  private final String ns;

  Apps(KubernetesClient client, String ns) {
    this.client = client;
    this.ns = ns;
  }

  Application create(String yaml) {
    return client.resource(client.getKubernetesSerialization().unmarshal(yaml, Application.class)).create();
  }

  /** The app, or null; a request that fails (the API server is down) counts as not seen. */
  Application get(String name) {
    try {
      return client.resources(Application.class).inNamespace(ns).withName(name).get();
    } catch (RuntimeException unavailable) {
      return null;
    }
  }

  Application await(String name, Predicate<Application> condition, Duration timeout) {
    try {
      org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> Optional.ofNullable(get(name)).filter(condition).isPresent());
    } catch (ConditionTimeoutException e) {
      Application last = get(name);
      throw new AssertionError("application " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last.getStatus())), e);
    }
    return get(name);
  }

  static OperationState op(Application a) {
    return a == null || a.getStatus() == null ? null : a.getStatus().operationState;
  }

  static boolean succeeded(Application a) {
    OperationState op = op(a);
    return op != null && "Succeeded".equals(op.phase);
  }

  static boolean succeededAt(Application a, String sha) {
    return succeeded(a) && sha.equals(op(a).revision) && syncedAt(a, sha);
  }

  static boolean syncedAt(Application a, String sha) {
    var s = a.getStatus();
    return s != null && s.sync != null && "Synced".equals(s.sync.status) && sha.equals(s.sync.revision);
  }

  static boolean healthy(Application a) {
    var s = a.getStatus();
    return s != null && s.health != null && "Healthy".equals(s.health.status);
  }

  /** Running, at {@code wave} of the Sync phase, that wave applied and waited on. */
  static boolean waitingAtWave(Application a, int wave) {
    OperationState op = op(a);
    return op != null && "Running".equals(op.phase) && "Sync".equals(op.syncPhase)
        && Integer.valueOf(wave).equals(op.wave) && Boolean.TRUE.equals(op.stepApplied);
  }

  static Optional<Condition> condition(Application a, String type) {
    if (a == null || a.getStatus() == null || a.getStatus().conditions == null) return Optional.empty();
    return a.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean notReadyBecause(Application a, String reason) {
    return condition(a, "Ready").filter(c -> "False".equals(c.getStatus()) && reason.equals(c.getReason())).isPresent();
  }

  /** The history entries of sync operations for one revision. */
  static List<HistoryEntry> syncsOf(Application a, String sha) {
    return a.getStatus().history.stream().filter(h -> (h.action == null || "Sync".equals(h.action)) && sha.equals(h.revision)).toList();
  }

  static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  /** Waits for something outside an Application (an object to appear, a process to write). */
  static void until(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(condition);
  }
}
