package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What `app wait` waits for. Beyond the chosen sync and health states, the status must describe
 * the current spec (observedGeneration) and no operation may be running: a Synced status written
 * before the last edit, or in the middle of a multi-wave sync, is not the end state.
 */
record WaitCondition(boolean sync, boolean health) {
  /** Neither flag means both, as in {@code argocd app wait}. */
  static WaitCondition of(boolean sync, boolean health) {
    return sync || health ? new WaitCondition(sync, health) : new WaitCondition(true, true);
  }

  boolean holds(Application a) {
    if (a == null || a.getStatus() == null) return false;
    var s = a.getStatus();
    boolean current = s.observedGeneration != null && Objects.equals(s.observedGeneration, a.getMetadata().getGeneration());
    boolean idle = s.operationState == null || !"Running".equals(s.operationState.phase);
    boolean synced = !sync || (s.sync != null && "Synced".equals(s.sync.status));
    boolean healthy = !health || (s.health != null && "Healthy".equals(s.health.status));
    return current && idle && synced && healthy;
  }

  String describe() {
    List<String> parts = new ArrayList<>();
    if (sync) parts.add("sync Synced");
    if (health) parts.add("health Healthy");
    parts.add("no running operation");
    parts.add("status of the current generation");
    return String.join(", ", parts);
  }

  /** The state last seen, for the timeout message. */
  static String lastSeen(Application a) {
    if (a == null) return "application not found";
    var s = a.getStatus();
    if (s == null) return "not reconciled yet";
    var op = s.operationState;
    return "sync " + (s.sync == null ? "unknown" : s.sync.status)
        + ", health " + (s.health == null ? "unknown" : s.health.status
            + (s.health.message == null ? "" : " (" + s.health.message + ")"))
        + ", operation " + (op == null ? "none" : op.phase + (op.message == null ? "" : " (" + op.message + ")"))
        + ", observed generation " + s.observedGeneration + " of " + a.getMetadata().getGeneration();
  }
}
