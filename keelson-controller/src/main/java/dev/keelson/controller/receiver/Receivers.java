package dev.keelson.controller.receiver;

import dev.keelson.api.v1alpha1.ReceiverSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Receivers ready to answer, by webhook path; kept by the reconciler, read by the server. */
public final class Receivers {
  /**
   * A Receiver as requests see it.
   *
   * @param events the events acted upon (the type's push events when the spec lists none)
   */
  record Entry(String namespace, String name, ReceiverType type, String token, List<String> events,
      List<ReceiverSpec.ResourceRef> resources, boolean suspended, RateLimit limit) {}

  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
  private final Map<String, String> pathOf = new ConcurrentHashMap<>();
  private final Clock clock;

  public Receivers(Clock clock) {
    this.clock = clock;
  }

  void put(String path, String namespace, String name, ReceiverType type, String token, List<String> events,
      List<ReceiverSpec.ResourceRef> resources, boolean suspended) {
    String id = namespace + "/" + name;
    String old = pathOf.put(id, path);
    Entry previous = old == null ? null : byPath.get(old);
    if (old != null && !old.equals(path)) byPath.remove(old);
    RateLimit limit = previous != null ? previous.limit() : new RateLimit(clock);
    byPath.put(path, new Entry(namespace, name, type, token, events, resources, suspended, limit));
  }

  void remove(String namespace, String name) {
    String path = pathOf.remove(namespace + "/" + name);
    if (path != null) byPath.remove(path);
  }

  Optional<Entry> at(String path) {
    return Optional.ofNullable(byPath.get(path));
  }
}
