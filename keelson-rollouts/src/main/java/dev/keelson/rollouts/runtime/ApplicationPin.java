package dev.keelson.rollouts.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spec.onAbort.pinApplication}: when a rollout aborts, the Application that declares it
 * is pinned to its last healthy revision with the rollback Keelson already has: the request
 * annotation {@code keelson app rollback NAME ID} writes, naming the newest deployment in the
 * app's history whose revision differs from the one deployed last (the revision that brought the
 * aborted template). The app engine then holds that revision until Git is fixed and the pin is
 * cleared, so the cluster and the app's status agree.
 */
final class ApplicationPin {
  /** keelson-controller's Annotations.ROLLBACK; its value is an OperatorRequest with a historyId. */
  static final String ROLLBACK_ANNOTATION = "keelson.dev/rollback";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesClient client;

  ApplicationPin(KubernetesClient client) {
    this.client = client;
  }

  /** @return what was done, for an event: pinned to which entry, or why not */
  String pin(Rollout rollout, Instant now) {
    var annotations = rollout.getMetadata().getAnnotations();
    Optional<AppRef> ref = TrackingMark.appOf(annotations == null ? null : annotations.get(TrackingMark.ANNOTATION));
    if (ref.isEmpty()) return "not pinned: the Rollout is not declared by an Application";
    var resource = client.resources(Application.class).inNamespace(ref.get().namespace()).withName(ref.get().name());
    Application app = resource.get();
    if (app == null) return "not pinned: Application " + ref.get().namespace() + "/" + ref.get().name() + " not found";
    if (app.getMetadata().getAnnotations() != null && app.getMetadata().getAnnotations().containsKey(ROLLBACK_ANNOTATION)) {
      return "Application " + ref.get().name() + " is already pinned";
    }
    List<HistoryEntry> deployments = app.getStatus() == null ? List.of()
        : app.getStatus().history.stream().filter(HistoryEntry::isDeployment).toList();
    if (deployments.isEmpty()) return "not pinned: Application " + ref.get().name() + " has no deployment in its history";
    String latest = deployments.get(deployments.size() - 1).revision;
    Optional<HistoryEntry> healthy = deployments.stream().filter(h -> !h.revision.equals(latest))
        .reduce((a, b) -> b);
    if (healthy.isEmpty()) return "not pinned: Application " + ref.get().name() + " has no earlier revision than " + latest;
    String value = request(rollout, now, healthy.get().id);
    RetryOnConflict.edit(resource, a -> {
      Map<String, String> next = new HashMap<>(a.getMetadata().getAnnotations() == null ? Map.of()
          : a.getMetadata().getAnnotations());
      next.putIfAbsent(ROLLBACK_ANNOTATION, value);
      a.getMetadata().setAnnotations(next);
      return a;
    });
    return "Application " + ref.get().name() + " pinned to history entry " + healthy.get().id + " (revision "
        + healthy.get().revision + ")";
  }

  private static String request(Rollout rollout, Instant now, long historyId) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("by", "rollout " + rollout.getMetadata().getNamespace() + "/" + rollout.getMetadata().getName());
    r.put("at", now.toString());
    r.put("historyId", historyId);
    try {
      return JSON.writeValueAsString(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
