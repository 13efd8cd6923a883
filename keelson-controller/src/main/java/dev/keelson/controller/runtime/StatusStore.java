package dev.keelson.controller.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.diff.JsonMergePatch;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.KubeObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes Applications' status so that each write lands whatever the informer holds.
 *
 * <p>The informer's copy of an app lags behind the controller's own writes by a moment. A status
 * written as a JSON patch computed from that copy (what the operator framework does without
 * server-side apply) addresses list positions of a status the server no longer has: the API
 * server refuses it (422), the status stays behind (an app shown Progressing long after its
 * Deployment was available), and reconciling from the lagging copy could repeat a step.
 * Instead the status the controller last wrote, as the server returned it, is remembered per
 * app and is the base of every decision and of every write; writes are JSON merge patches, which
 * name values rather than positions. After a failed write the memory is not trusted and the
 * status is read from the API server once. The controller is the only writer of status (one
 * leader at a time, or with shards the one replica holding the app, see {@link ShardGate}), so
 * what it last wrote is what the server has.
 */
final class StatusStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Map<AppRef, Entry> written = new ConcurrentHashMap<>();

  /** @param status as the server stored it; null when it must be read again */
  private record Entry(String uid, ApplicationStatus status) {}

  StatusStore(KubernetesClient client) {
    this.client = client;
  }

  /** The app's current status: what this controller last wrote, else the server's. */
  ApplicationStatus latest(AppRef ref, Application app) {
    Entry e = written.get(ref);
    if (e == null || !e.uid().equals(app.getMetadata().getUid())) return app.getStatus();
    if (e.status() != null) return e.status();
    Application fresh = client.resources(Application.class).inNamespace(ref.namespace()).withName(ref.name()).get();
    ApplicationStatus status = fresh == null ? app.getStatus() : fresh.getStatus();
    if (fresh != null) written.put(ref, new Entry(app.getMetadata().getUid(), status));
    return status;
  }

  /**
   * Writes {@code next} over {@code current} (what {@link #latest} returned).
   *
   * @throws KubernetesClientException when the server refuses; the next read asks the server
   */
  void write(AppRef ref, Application app, ApplicationStatus current, ApplicationStatus next) {
    Map<String, Object> patch = JsonMergePatch.diff(current == null ? null : KubeObjects.toMap(current),
        KubeObjects.toMap(next));
    if (patch.isEmpty()) return;
    String uid = app.getMetadata().getUid();
    try {
      // addressed through the app in hand: by name alone the client would read the app first
      Application stored = client.resource(app).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(Map.of("status", patch)));
      written.put(ref, new Entry(uid, stored.getStatus()));
    } catch (KubernetesClientException e) {
      distrust(ref, uid);
      throw e;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status is not JSON", e);
    }
  }

  /** The app as the server has it now; null when it is gone. */
  Application read(AppRef ref) {
    return client.resources(Application.class).inNamespace(ref.namespace()).withName(ref.name()).get();
  }

  /**
   * Writes {@code holder} (null: none) as the replica holding {@code app}, conditional on the
   * resourceVersion {@code app} was read at, and remembers the status the server returns.
   *
   * @throws KubernetesClientException 409 when the app changed since it was read
   */
  void hold(AppRef ref, Application app, String holder) {
    Map<String, Object> status = new java.util.HashMap<>();
    status.put("controller", holder);
    Map<String, Object> patch = Map.of(
        "metadata", Map.of("resourceVersion", app.getMetadata().getResourceVersion()),
        "status", status);
    String uid = app.getMetadata().getUid();
    try {
      Application stored = client.resource(app).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
      if (holder == null) written.remove(ref);
      else written.put(ref, new Entry(uid, stored.getStatus()));
    } catch (KubernetesClientException e) {
      distrust(ref, uid);
      throw e;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status is not JSON", e);
    }
  }

  /** A write may have failed: the next read asks the server. */
  void distrust(AppRef ref, String uid) {
    written.put(ref, new Entry(uid, null));
  }

  void forget(AppRef ref) {
    written.remove(ref);
  }
}
