package dev.keelson.core.cel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The programs compiled so far, by source and variables, least recently used dropped first. The
 * same few expressions are evaluated on every reconcile of every application, and compiling
 * (parse, type-check, plan) costs far more than evaluating.
 *
 * <p>Compilation runs outside the lock so one slow compile does not hold up lookups; two threads
 * compiling the same expression at once both succeed and one result is kept. Failed compilations
 * are not cached: they throw, and an invalid expression is rejected once per spec change anyway.
 */
final class CompiledCache {

  record Key(String source, Set<String> variables) {}

  private final Map<Key, CelExpression> entries;

  CompiledCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, CelExpression> eldest) {
            return size() > capacity;
          }
        };
  }

  CelExpression get(Key key, Supplier<CelExpression> compile) {
    synchronized (entries) {
      CelExpression cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    CelExpression compiled = compile.get();
    synchronized (entries) {
      CelExpression raced = entries.putIfAbsent(key, compiled);
      return raced != null ? raced : compiled;
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
