package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.shard.Shards;
import dev.keelson.core.shard.ShardVerdict;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;

/**
 * Before an Application is reconciled: whether this replica holds it, takes it, lets go of it or
 * leaves it alone. Taking and letting go are writes of {@code status.controller} conditional on
 * the resourceVersion just read from the server, never on the informer's copy, which may lag.
 */
final class ShardGate {
  /** What the reconcile does next. */
  enum Admission { RECONCILE, LOOK_AGAIN_SOON, LEAVE }

  private final Shards shards;
  private final StatusStore statuses;
  /** Drops what this replica remembers of an app it no longer holds (status memory, engines). */
  private final Consumer<AppRef> forget;

  ShardGate(Shards shards, StatusStore statuses, Consumer<AppRef> forget) {
    this.shards = shards;
    this.statuses = statuses;
    this.forget = forget;
  }

  String self() {
    return shards.self();
  }

  /** The app is gone or let go: this replica holds it no more. */
  void forgotten(AppRef ref) {
    shards.released(ref);
  }

  boolean acting() {
    return shards.acting();
  }

  /**
   * The apps this replica sees, from the reconciler's cache: every replica places all of them,
   * so each knows which are its own.
   */
  void attach(io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<Application> cache,
      Consumer<AppRef> lookAgain) {
    if (attached) return;
    attached = true;
    shards.attach(() -> cache.list()
        .map(a -> new AppRef(a.getMetadata().getNamespace(), a.getMetadata().getName())).toList(), lookAgain);
  }

  private volatile boolean attached;

  Admission admit(AppRef ref, Application app) {
    String holder = app.getStatus() == null ? null : app.getStatus().controller;
    ShardVerdict v = shards.verdict(ref, holder);
    switch (v) {
      case RECONCILE:
        return Admission.RECONCILE;
      case IGNORE:
        return Admission.LEAVE;
      case WAIT:
        return Admission.LOOK_AGAIN_SOON;
      default:
        break;
    }
    // CLAIM or RELEASE: decided again on what the server has now
    Application fresh;
    try {
      fresh = statuses.read(ref);
    } catch (KubernetesClientException e) {
      return Admission.LOOK_AGAIN_SOON;
    }
    if (fresh == null) return Admission.LEAVE;
    String now = fresh.getStatus() == null ? null : fresh.getStatus().controller;
    shards.released(ref);
    v = shards.verdict(ref, now);
    try {
      switch (v) {
        case CLAIM:
        case RECONCILE:
          statuses.hold(ref, fresh, self());
          shards.held(ref);
          return Admission.RECONCILE;
        case RELEASE:
          statuses.hold(ref, fresh, null);
          forget.accept(ref);
          return Admission.LEAVE;
        case WAIT:
          return Admission.LOOK_AGAIN_SOON;
        default:
          return Admission.LEAVE;
      }
    } catch (KubernetesClientException e) {
      // 409: someone wrote the app since it was read; look again with what it is now
      if (e.getCode() == 409 || e.getCode() == 404) return Admission.LOOK_AGAIN_SOON;
      throw e;
    }
  }
}
