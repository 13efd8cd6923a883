package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reconcile of one app through the whole flow: source, render, compare, decide, apply,
 * prune, health. Talks to the cluster only through its steps; returns an {@link Outcome} from
 * which the status is written.
 */
public final class AppEngine {
  private final DesiredStateBuilder desiredBuilder;
  private final Comparer comparer;
  private final Syncer syncer;
  private final Pruner pruner;
  private final HealthCheck health;

  public AppEngine(DesiredStateBuilder desiredBuilder, Comparer comparer, Syncer syncer, Pruner pruner, HealthCheck health) {
    this.desiredBuilder = desiredBuilder;
    this.comparer = comparer;
    this.syncer = syncer;
    this.pruner = pruner;
    this.health = health;
  }

  /**
   * @param syncRequested an operator asked for a sync: fetch now and apply even without automated
   * @param requestedBy who asked, for the history ("automated" when nobody did)
   */
  public record Request(boolean syncRequested, String requestedBy) {}

  public Outcome reconcile(AppSettings app, ApplicationStatus status, Request request) {
    DesiredState desired;
    try {
      desired = desiredBuilder.build(app, request.syncRequested());
    } catch (ReconcileFailure f) {
      return Outcome.failed(f);
    }
    try {
      return converge(app, status, request, desired);
    } catch (ReconcileFailure f) {
      return Outcome.failed(f);
    }
  }

  private Outcome converge(AppSettings app, ApplicationStatus status, Request request, DesiredState desired)
      throws ReconcileFailure {
    AppRef ref = app.ref();
    List<ResourceState> states = new ArrayList<>();
    for (Manifest m : desired.objects()) states.add(comparer.compare(ref, m));

    Inventory previous = inventoryOf(status);
    List<ResourceKey> desiredKeys = desired.objects().stream().map(Manifest::key).toList();
    List<Pruner.Stale> staleOurs = pruner.ours(ref, previous.staleAgainst(desiredKeys));

    boolean changed = status == null || !desired.digest().equals(status.appliedDigest);
    boolean drifted = states.stream().anyMatch(s -> s.sync() != ResourceState.Sync.Synced);
    boolean sync = request.syncRequested()
        || (app.automated() && (changed || (app.selfHeal() && drifted)));

    SyncResult result = null;
    Map<String, Map<String, Object>> applied = Map.of();
    if (sync) {
      result = syncer.apply(ref, states, app.createNamespace() ? namespacesOf(desired) : Set.of());
      applied = result.applied();
      states = afterApply(states, applied);
      if (result.succeeded() && app.prune() && !staleOurs.isEmpty()) {
        List<ApplyAction> pruned = pruner.prune(ref, staleOurs);
        List<ApplyAction> all = new ArrayList<>(result.actions());
        all.addAll(pruned);
        result = new SyncResult(all, applied, true, "");
        List<ResourceKey> gone = pruned.stream()
            .filter(a -> a.action() == ApplyAction.Action.Pruned).map(ApplyAction::key).toList();
        staleOurs = staleOurs.stream().filter(s -> !gone.contains(s.key())).toList();
      }
    }
    HealthCheck.Result h = health.assess(states, applied);
    return new Outcome(desired, states, staleOurs, result, h.perObject(), h.app(),
        inventory(states, staleOurs), null, request.requestedBy());
  }

  private static List<ResourceState> afterApply(List<ResourceState> states, Map<String, Map<String, Object>> applied) {
    List<ResourceState> out = new ArrayList<>(states.size());
    for (ResourceState s : states) {
      Map<String, Object> live = applied.get(s.desired().key().inventoryId());
      out.add(live == null ? s : new ResourceState(s.desired(), live, null, ResourceState.Sync.Synced, ""));
    }
    return out;
  }

  /** Every object that exists and is ours: what was applied or found, and stale ones not yet pruned. */
  private static Inventory inventory(List<ResourceState> states, List<Pruner.Stale> staleOurs) {
    Map<ResourceKey, String> entries = new LinkedHashMap<>();
    for (ResourceState s : states) {
      if (s.live() != null && s.sync() != ResourceState.Sync.Conflict) {
        entries.put(s.desired().key(), s.desired().apiVersion());
      }
    }
    staleOurs.forEach(st -> entries.put(st.key(), st.apiVersion()));
    return Inventory.of(entries);
  }

  public static Inventory inventoryOf(ApplicationStatus status) {
    Map<ResourceKey, String> entries = new LinkedHashMap<>();
    if (status != null && status.inventory != null && status.inventory.entries != null) {
      for (var e : status.inventory.entries) {
        try {
          entries.put(ResourceKey.fromInventoryId(e.id), e.v);
        } catch (IllegalArgumentException ignored) {
          // an entry Keelson did not write: nothing to prune from it
        }
      }
    }
    return Inventory.of(entries);
  }

  private static Set<String> namespacesOf(DesiredState desired) {
    Set<String> ns = new TreeSet<>();
    desired.objects().forEach(m -> {
      if (!m.key().namespace().isEmpty()) ns.add(m.key().namespace());
    });
    return ns;
  }
}
