package dev.keelson.controller.engine;

import dev.keelson.core.diff.Fingerprint;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints of objects known to be in sync, per app, in memory. Losing them (a restart) costs
 * one dry-run per object on the next reconcile, nothing more.
 */
public final class FingerprintStore {
  private final Map<AppRef, Map<ResourceKey, Fingerprint>> byApp = new ConcurrentHashMap<>();

  public Fingerprint get(AppRef app, ResourceKey key) {
    Map<ResourceKey, Fingerprint> m = byApp.get(app);
    return m == null ? null : m.get(key);
  }

  public void put(AppRef app, ResourceKey key, Fingerprint fp) {
    byApp.computeIfAbsent(app, a -> new ConcurrentHashMap<>()).put(key, fp);
  }

  public void remove(AppRef app, ResourceKey key) {
    Map<ResourceKey, Fingerprint> m = byApp.get(app);
    if (m != null) m.remove(key);
  }
}
