package dev.keelson.helm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last results by input digest, least recently used evicted first. */
final class RenderCache {

  private final Map<String, HelmResult> entries;

  RenderCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, HelmResult> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized HelmResult get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, HelmResult result) {
    entries.put(key, result);
  }
}
