package dev.keelson.controller.images;

import dev.keelson.automation.registry.ScannedTags;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tags of every ImageRepository as last scanned, in memory, keyed by namespace/name and the
 * spec they were scanned for (a changed image or exclusion list starts over). Status holds the
 * count and the latest few; policies read the tags from here. After a restart the first scan of
 * each repository fills it again.
 */
final class TagStore {
  record Entry(String specKey, ScannedTags tags) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  Optional<ScannedTags> get(String namespace, String name, String specKey) {
    Entry e = entries.get(namespace + "/" + name);
    return e != null && (specKey == null || e.specKey().equals(specKey)) ? Optional.of(e.tags()) : Optional.empty();
  }

  void put(String namespace, String name, String specKey, ScannedTags tags) {
    entries.put(namespace + "/" + name, new Entry(specKey, tags));
  }

  void remove(String namespace, String name) {
    entries.remove(namespace + "/" + name);
  }
}
