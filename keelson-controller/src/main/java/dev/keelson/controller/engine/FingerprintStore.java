package dev.keelson.controller.engine;

import dev.keelson.core.diff.Fingerprint;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints of objects known to be in sync, per app, in memory. Losing them (a restart) costs
 * one read and one dry-run per object on the next reconcile, nothing more.
 */
public final class FingerprintStore {
  private final Map<AppRef, Map<ResourceKey, Entry>> byApp = new ConcurrentHashMap<>();

  /** The fingerprint and the desired object (by identity) it was taken with. */
  private record Entry(Fingerprint fingerprint, Map<String, Object> desired) {}

  /**
   * Whether the live object still matches its fingerprint. The desired side is only digested
   * again when it is not the very object the fingerprint was taken with: between two renders
   * of the same revision it is the same object, and hashing it on every reconcile would cost
   * more than the rest of a steady reconcile.
   */
  public boolean matches(AppRef app, ResourceKey key, Map<String, Object> desired, Map<String, Object> live) {
    Map<ResourceKey, Entry> m = byApp.get(app);
    Entry e = m == null ? null : m.get(key);
    if (e == null) return false;
    return e.desired() == desired
        ? e.fingerprint().liveMatches(desired, live)
        : e.fingerprint().matches(desired, live);
  }

  public boolean has(AppRef app, ResourceKey key) {
    Map<ResourceKey, Entry> m = byApp.get(app);
    return m != null && m.containsKey(key);
  }

  public void put(AppRef app, ResourceKey key, Map<String, Object> desired, Map<String, Object> live) {
    byApp.computeIfAbsent(app, a -> new ConcurrentHashMap<>())
        .put(key, new Entry(Fingerprint.of(desired, live), desired));
  }

  /** Drops every fingerprint of an app (deleted). */
  public void forget(AppRef app) {
    byApp.remove(app);
  }

  public void remove(AppRef app, ResourceKey key) {
    Map<ResourceKey, Entry> m = byApp.get(app);
    if (m != null) m.remove(key);
  }
}
