package dev.keelson.controller.fake;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.ClusterObjects;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.LiveObjects;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An API server in memory, for unit tests of the engine. Objects are kept as maps; a server-side
 * apply merges the desired object into the live one (maps merged key by key, anything else
 * replaced), a dry-run returns the merge without keeping it. Every call is recorded, so a test
 * can say what was written; a test can also change an object's status as a controller would and
 * make calls fail. {@link #cache()} is the watch-fed view: managed (labelled) objects, no calls.
 */
public final class FakeCluster implements ClusterObjects {
  /** A call the engine made. */
  public enum Verb { GET, LIST, APPLY, DRY_RUN, REPLACE, DELETE }

  public record Call(Verb verb, ResourceKey key) {}

  private static final class Failure {
    final Verb verb;
    final ResourceKey key;
    final KubeException error;
    int remaining;

    Failure(Verb verb, ResourceKey key, KubeException error, int times) {
      this.verb = verb;
      this.key = key;
      this.error = error;
      this.remaining = times;
    }
  }

  private final Map<ResourceKey, Map<String, Object>> objects = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Map<String, Consumer<Map<String, Object>>> controllers = new LinkedHashMap<>();
  private long resourceVersion = 1;

  // ---- what tests set up and look at ----

  /** Makes every {@code verb} call on {@code key} fail as the server would reject it. */
  public void reject(Verb verb, ResourceKey key, String reason) {
    failures.add(new Failure(verb, key, new KubeException(verb + " " + key + ": " + reason, false), Integer.MAX_VALUE));
  }

  /** Makes the next {@code verb} call on {@code key} fail as the server would reject it. */
  public void rejectOnce(Verb verb, ResourceKey key, String reason) {
    failures.add(new Failure(verb, key, new KubeException(verb + " " + key + ": " + reason, false), 1));
  }

  /**
   * Plays a controller for one kind: {@code reaction} changes each object of that kind right after
   * it is applied (a CRD becoming Established, say).
   */
  public void onApply(String kind, Consumer<Map<String, Object>> reaction) {
    controllers.put(kind, reaction);
  }

  /** Makes every call fail as if the server did not answer. */
  public void unreachable() {
    failures.add(new Failure(null, null, new KubeException("connection refused", true), Integer.MAX_VALUE));
  }

  /** Changes a stored object in place, as another controller would (status, say). */
  public void update(ResourceKey key, Consumer<Map<String, Object>> change) {
    Map<String, Object> live = objects.get(key);
    if (live == null) throw new IllegalArgumentException("no object " + key);
    change.accept(live);
    bumpVersion(live);
  }

  /** Sets {@code status} of a stored object. */
  public void setStatus(ResourceKey key, Map<String, Object> status) {
    update(key, live -> live.put("status", JsonValues.deepCopy(status)));
  }

  /** Puts an object in the store without a call being recorded: what exists before the test. */
  public void seed(ResourceKey key, Map<String, Object> object) {
    Map<String, Object> copy = JsonValues.deepCopy(object);
    bumpVersion(copy);
    objects.put(key, copy);
  }

  public Map<String, Object> object(ResourceKey key) {
    return objects.get(key);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(Verb verb) {
    return calls.stream().filter(c -> c.verb() == verb).toList();
  }

  /** How many times {@code verb} was called on {@code key}. */
  public long count(Verb verb, ResourceKey key) {
    return calls.stream().filter(c -> c.verb() == verb && c.key().equals(key)).count();
  }

  /** Forgets the calls made so far. */
  public void clearCalls() {
    calls.clear();
  }

  /** The watch-fed view: objects carrying Keelson's label, read without a call. */
  public LiveObjects cache() {
    return (apiVersion, key) -> {
      Map<String, Object> live = objects.get(key);
      return live != null && JsonValues.path(live, "metadata", "labels", TrackingMark.LABEL) != null ? live : null;
    };
  }

  // ---- the API ----

  @Override
  public Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException {
    call(Verb.GET, key);
    Map<String, Object> live = objects.get(key);
    return live == null ? null : JsonValues.deepCopy(live);
  }

  @Override
  public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels)
      throws KubeException {
    call(Verb.LIST, new ResourceKey(ResourceKey.groupOf(apiVersion), kind, namespace, ""));
    List<Map<String, Object>> out = new ArrayList<>();
    objects.forEach((key, live) -> {
      if (!key.kind().equals(kind) || !key.group().equals(ResourceKey.groupOf(apiVersion))) return;
      if (!key.namespace().isEmpty() && !key.namespace().equals(namespace)) return;
      boolean labelled = labels.entrySet().stream().allMatch(l ->
          Objects.equals(l.getValue(), JsonValues.path(live, "metadata", "labels", l.getKey())));
      if (labelled) out.add(JsonValues.deepCopy(live));
    });
    return out;
  }

  @Override
  public Map<String, Object> apply(Map<String, Object> desired, ResourceKey key) throws KubeException {
    call(Verb.APPLY, key);
    Map<String, Object> merged = merged(desired, key);
    Consumer<Map<String, Object>> controller = controllers.get(key.kind());
    if (controller != null) controller.accept(merged);
    bumpVersion(merged);
    objects.put(key, merged);
    return JsonValues.deepCopy(merged);
  }

  @Override
  public Map<String, Object> dryRun(Map<String, Object> desired, ResourceKey key) throws KubeException {
    call(Verb.DRY_RUN, key);
    return merged(desired, key);
  }

  @Override
  public Map<String, Object> replace(Map<String, Object> desired, ResourceKey key) throws KubeException {
    call(Verb.REPLACE, key);
    Map<String, Object> copy = JsonValues.deepCopy(desired);
    bumpVersion(copy);
    objects.put(key, copy);
    return JsonValues.deepCopy(copy);
  }

  @Override
  public boolean delete(String apiVersion, ResourceKey key, DeletionPropagation propagation) throws KubeException {
    call(Verb.DELETE, key);
    return objects.remove(key) != null;
  }

  private void call(Verb verb, ResourceKey key) throws KubeException {
    calls.add(new Call(verb, key));
    for (Failure f : failures) {
      if (f.remaining > 0 && (f.verb == null || f.verb == verb) && (f.key == null || f.key.equals(key))) {
        f.remaining--;
        throw f.error;
      }
    }
  }

  private Map<String, Object> merged(Map<String, Object> desired, ResourceKey key) {
    Map<String, Object> live = objects.get(key);
    Map<String, Object> out = live == null ? new LinkedHashMap<>() : JsonValues.deepCopy(live);
    merge(out, JsonValues.deepCopy(desired));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
        merge((Map<String, Object>) existing, (Map<String, Object>) m);
      } else {
        into.put(k, v);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void bumpVersion(Map<String, Object> object) {
    Map<String, Object> md = (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    md.put("resourceVersion", String.valueOf(++resourceVersion));
  }
}
