package dev.keelson.controller.engine;

import dev.keelson.core.drift.FieldDrift;
import dev.keelson.core.drift.ObjectDrift;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Self-heal against another writer: when the same manager has changed an object back after each of
 * the last {@link #ROUNDS} reverts (within {@link #WINDOW}, on the same desired state), the two are
 * fighting, and reverting again would go on for ever. The object is then left as it is and the
 * fight reported until the desired state changes or someone asks for a sync. Kept in memory: after
 * a restart a fight is recognised again within {@link #ROUNDS} rounds.
 */
final class DriftFights {
  static final int ROUNDS = 3;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private record Round(Instant at, String manager, String digest) {}

  private final Map<AppRef, Map<ResourceKey, Deque<Round>>> rounds = new ConcurrentHashMap<>();

  /** The objects of {@code drifts} fought over now. */
  List<DriftFight> fights(AppRef app, String digest, List<ObjectDrift> drifts, Instant now) {
    Map<ResourceKey, Deque<Round>> byKey = rounds.get(app);
    if (byKey == null) return List.of();
    List<DriftFight> out = new ArrayList<>();
    for (ObjectDrift d : drifts) {
      Optional<String> other = otherManager(d);
      Deque<Round> r = byKey.get(d.key());
      if (other.isEmpty() || r == null) continue;
      long same = r.stream().filter(x -> x.digest().equals(digest) && x.manager().equals(other.get())
          && !x.at().isBefore(now.minus(WINDOW))).count();
      if (same >= ROUNDS) out.add(new DriftFight(d.key(), other.get(), (int) same, d.ignoreRule()));
    }
    return out;
  }

  /** Keelson reverts these objects now. */
  void reverted(AppRef app, String digest, List<ObjectDrift> drifts, Instant now) {
    Map<ResourceKey, Deque<Round>> byKey = rounds.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
    for (ObjectDrift d : drifts) {
      Optional<String> other = otherManager(d);
      if (other.isEmpty()) continue;
      Deque<Round> r = byKey.computeIfAbsent(d.key(), k -> new ArrayDeque<>());
      synchronized (r) {
        r.addLast(new Round(now, other.get(), digest));
        while (r.size() > ROUNDS) r.removeFirst();
      }
    }
  }

  /** A sync someone asked for, or the app is gone: what was counted no longer says anything. */
  void forget(AppRef app) {
    rounds.remove(app);
  }

  private static Optional<String> otherManager(ObjectDrift d) {
    return d.fields().stream().map(FieldDrift::manager).filter(m -> !m.isEmpty() && !m.equals("keelson")).findFirst();
  }
}
