package dev.keelson.core.inventory;

import dev.keelson.core.model.ResourceKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an app has applied: object identity to API version. Stale objects (in the previous
 * inventory, no longer desired) are the prune candidates; an object whose deletion failed stays
 * in the inventory so the deletion is retried.
 */
public record Inventory(Map<ResourceKey, String> entries) {
  public Inventory {
    entries = new TreeMap<>(entries);
  }

  public static Inventory empty() {
    return new Inventory(Map.of());
  }

  public static Inventory of(Map<ResourceKey, String> entries) {
    return new Inventory(entries);
  }

  /** Entries of this inventory whose keys are not in {@code desired}, in a stable order. */
  public Map<ResourceKey, String> staleAgainst(Collection<ResourceKey> desired) {
    Set<ResourceKey> keep = Set.copyOf(desired);
    Map<ResourceKey, String> stale = new LinkedHashMap<>();
    entries.forEach((k, v) -> {
      if (!keep.contains(k)) stale.put(k, v);
    });
    return stale;
  }

  public Inventory plus(Map<ResourceKey, String> more) {
    Map<ResourceKey, String> merged = new TreeMap<>(entries);
    merged.putAll(more);
    return new Inventory(merged);
  }

  public boolean contains(ResourceKey key) {
    return entries.containsKey(key);
  }
}
