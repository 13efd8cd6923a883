package dev.keelson.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the benchmark observes of one kind in one namespace, through its own client: a plain
 * watch (no informer cache, so that the observer adds little to the heap being measured) that
 * records, for every object, when each state was seen. {@code S} is the part of the object a
 * scenario cares about (an app's sync and health, a ConfigMap's value).
 *
 * <p>Times are {@link System#nanoTime()} at the moment the event arrived. Milestones record the
 * first time an object met a predicate, for "all apps Synced and Healthy" waits; the recent
 * history answers "the first event after the edit that shows X".
 */
final class ObjectLog<T extends HasMetadata, S> implements AutoCloseable {
  /** How to list and watch the objects. */
  interface Source<T extends HasMetadata> {
    KubernetesResourceList<T> list();

    Watch watch(ListOptions options, Watcher<T> watcher);
  }

  record Entry<S>(long nanos, long resourceVersion, S state) {}

  private static final int HISTORY = 32;

  private final Source<T> source;
  private final Function<T, S> extract;
  private final Map<String, Predicate<S>> milestones;
  private final Map<String, Map<String, Long>> reached = new ConcurrentHashMap<>();
  private final Map<String, S> latest = new ConcurrentHashMap<>();
  private final Map<String, Deque<Entry<S>>> history = new ConcurrentHashMap<>();
  private final ExecutorService restarter = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "keelson-bench-watch-restart");
    t.setDaemon(true);
    return t;
  });
  private final boolean keepHistory;
  private volatile Watch watch;
  private volatile boolean closed;

  /**
   * @param milestones name to predicate; the first time each object meets one is recorded
   * @param keepHistory keep recent states per object (for samples); off for many objects
   */
  ObjectLog(Source<T> source, Function<T, S> extract, Map<String, Predicate<S>> milestones, boolean keepHistory) {
    this.source = source;
    this.extract = extract;
    this.milestones = new LinkedHashMap<>(milestones);
    this.keepHistory = keepHistory;
    this.milestones.keySet().forEach(m -> reached.put(m, new ConcurrentHashMap<>()));
  }

  /** Lists, then watches from the list's version. */
  ObjectLog<T, S> start() {
    connect();
    return this;
  }

  private synchronized void connect() {
    if (closed) return;
    KubernetesResourceList<T> list = source.list();
    long now = System.nanoTime();
    for (T item : list.getItems()) record(item, now);
    String rv = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    watch = source.watch(new ListOptionsBuilder().withResourceVersion(rv).withAllowWatchBookmarks(true).build(),
        new Watcher<T>() {
          @Override
          public void eventReceived(Action action, T resource) {
            if (action == Action.BOOKMARK || action == Action.ERROR || resource == null) return;
            long t = System.nanoTime();
            if (action == Action.DELETED) {
              latest.remove(resource.getMetadata().getName());
              return;
            }
            record(resource, t);
          }

          @Override
          public void onClose(WatcherException cause) {
            // the watch ended for good (e.g. 410 Gone): list again and resume
            if (!closed) restarter.submit(ObjectLog.this::reconnect);
          }
        });
  }

  private void reconnect() {
    try {
      connect();
    } catch (RuntimeException e) {
      if (!closed) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          return;
        }
        restarter.submit(this::reconnect);
      }
    }
  }

  private void record(T item, long nanos) {
    String name = item.getMetadata().getName();
    S state = extract.apply(item);
    if (state == null) return;
    latest.put(name, state);
    if (keepHistory) {
      Deque<Entry<S>> h = history.computeIfAbsent(name, n -> new ArrayDeque<>());
      synchronized (h) {
        h.addLast(new Entry<>(nanos, rv(item), state));
        while (h.size() > HISTORY) h.removeFirst();
      }
    }
    milestones.forEach((m, p) -> {
      if (p.test(state)) reached.get(m).putIfAbsent(name, nanos);
    });
  }

  private static long rv(HasMetadata item) {
    try {
      return Long.parseLong(item.getMetadata().getResourceVersion());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  Optional<S> latest(String name) {
    return Optional.ofNullable(latest.get(name));
  }

  /** Objects that reached the milestone, with the time they first did. */
  Map<String, Long> reached(String milestone) {
    return reached.get(milestone);
  }

  /** Forgets who reached a milestone, so that it can be reached again (e.g. Synced after a restore). */
  void forget(String milestone, String name) {
    reached.get(milestone).remove(name);
  }

  /**
   * The time of the first state seen at or after {@code sinceNanos} (and, when known, with a
   * resource version above {@code afterVersion}) that matches.
   */
  Optional<Long> firstSince(String name, long sinceNanos, long afterVersion, Predicate<S> matches) {
    Deque<Entry<S>> h = history.get(name);
    if (h == null) return Optional.empty();
    synchronized (h) {
      for (Entry<S> e : h) {
        if (e.nanos() < sinceNanos) continue;
        if (afterVersion >= 0 && e.resourceVersion() >= 0 && e.resourceVersion() <= afterVersion) continue;
        if (matches.test(e.state())) return Optional.of(e.nanos());
      }
    }
    return Optional.empty();
  }

  /** Waits (polling the recorded events) for {@link #firstSince}; returns its time. */
  long awaitFirstSince(String name, long sinceNanos, long afterVersion, Predicate<S> matches, Deadline deadline,
      Duration limit, String what) {
    long giveUp = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<Long> t = firstSince(name, sinceNanos, afterVersion, matches);
      if (t.isPresent()) return t.get();
      if (System.nanoTime() - giveUp > 0) {
        throw new IllegalStateException(what + ": not seen within " + Text.duration(limit)
            + "; last state of " + name + ": " + latest(name).map(String::valueOf).orElse("none"));
      }
      deadline.pause(Duration.ofMillis(5), "waiting for " + what);
    }
  }

  @Override
  public void close() {
    closed = true;
    restarter.shutdownNow();
    Watch w = watch;
    if (w != null) w.close();
  }
}
