package dev.keelson.localcluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keys waiting to be reconciled. A key queued twice is handled once (events collapse), and a
 * failing key comes back with exponential backoff, so a persistent error cannot make it spin.
 */
final class WorkQueue {

  private static final long BASE_DELAY_MS = 100;
  private static final long MAX_DELAY_MS = 10_000;

  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;

  WorkQueue(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  void add(String key) {
    if (queued.add(key)) {
      queue.add(key);
    }
  }

  /** The next key, or null if none arrived within the timeout. */
  String poll(Duration timeout) throws InterruptedException {
    String key = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (key != null) {
      // removed before processing: an event arriving meanwhile queues the key again
      queued.remove(key);
    }
    return key;
  }

  void succeeded(String key) {
    failures.remove(key);
  }

  /** Queues the key again after a delay that doubles with each consecutive failure. */
  void retryLater(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(n - 1, 16));
    if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
    }
  }

  void forget(String key) {
    failures.remove(key);
  }
}
