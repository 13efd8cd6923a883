package dev.keelson.controller.engine;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.plan.KindOrder;
import dev.keelson.core.sync.ObjectSyncOptions;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 5 of the flow: apply what is out of sync, in two stages. Namespaces and CRDs go first,
 * then everything else in kind order once the CRDs are Established. Waiting for them never
 * blocks the reconcile: the sync says what it waits for, and the operation's next reconcile
 * applies again (the first stage is then unchanged and not written) until they are, or until
 * {@link #CRD_WAIT} has passed on the clock. Before a stage
 * changes any existing object, every object it would write is validated by a server-side
 * dry-run: if the API server rejects one, nothing of that stage is applied and the
 * failure names the file, the object and the server's reason. A stage that only creates objects
 * is not dry-run first; a rejected creation stops it at that object, reported the same way.
 */
public final class Syncer {
  static final Duration CRD_WAIT = Duration.ofSeconds(60);

  private final ClusterObjects resources;
  private final FingerprintStore fingerprints;
  private final CrdWaits crdWaits;
  private final Validation validation;

  /** Which stages are dry-run before they are written. */
  public enum Validation {
    /** Those that change an existing object: a first sync that only creates is not doubled in cost. */
    WHEN_CHANGING_EXISTING,
    /**
     * Every stage, creations included: an app acting as a ServiceAccount learns of a Forbidden
     * creation before any object of the stage is written, so nothing of it half-applies.
     */
    ALWAYS
  }

  public Syncer(ClusterObjects resources, FingerprintStore fingerprints, Clock clock) {
    this(resources, fingerprints, clock, Validation.WHEN_CHANGING_EXISTING);
  }

  public Syncer(ClusterObjects resources, FingerprintStore fingerprints, Clock clock, Validation validation) {
    this.resources = resources;
    this.fingerprints = fingerprints;
    this.crdWaits = new CrdWaits(clock, CRD_WAIT);
    this.validation = validation;
  }

  /**
   * How to write.
   *
   * @param replace write every object with a replace instead of server-side apply (Replace=true)
   * @param validate dry-run a stage before changing existing objects (Validate=false turns it off)
   * @param failOnSharedResource an object managed by another app fails the sync; otherwise it is
   *     skipped and reported, and never taken over
   * @param perObject options from each object's sync-options annotation
   */
  public record Options(boolean replace, boolean validate, boolean failOnSharedResource,
      Map<ResourceKey, ObjectSyncOptions> perObject) {
    public static final Options DEFAULTS = new Options(false, true, false, Map.of());

    ObjectSyncOptions of(ResourceKey key) {
      return perObject.getOrDefault(key, ObjectSyncOptions.DEFAULTS);
    }
  }

  public SyncResult apply(AppRef app, List<ResourceState> states, Set<String> extraNamespaces)
      throws ReconcileFailure {
    return apply(app, states, extraNamespaces, Options.DEFAULTS);
  }

  /**
   * @param states comparison of every desired object
   * @param extraNamespaces namespaces to create first (CreateNamespace=true)
   */
  public SyncResult apply(AppRef app, List<ResourceState> states, Set<String> extraNamespaces, Options options)
      throws ReconcileFailure {
    List<ApplyAction> actions = new ArrayList<>();
    Map<String, Map<String, Object>> applied = new LinkedHashMap<>();
    List<ResourceState> ordered = new ArrayList<>(states);
    ordered.sort((a, b) -> KindOrder.applyOrder().compare(a.desired(), b.desired()));

    createNamespaces(app, extraNamespaces, states, actions);
    List<ResourceState> first = ordered.stream().filter(s -> KindOrder.isClusterDefinition(s.desired().key())).toList();
    List<ResourceState> rest = ordered.stream().filter(s -> !KindOrder.isClusterDefinition(s.desired().key())).toList();

    String failure = applyStage(app, first, actions, applied, options);
    if (failure == null) {
      String waiting = notEstablished(app, first);
      if (waiting != null) return new SyncResult(actions, applied, SyncResult.Status.WAITING, waiting);
      failure = applyStage(app, rest, actions, applied, options);
    }
    if (failure != null) return new SyncResult(actions, applied, SyncResult.Status.FAILED, failure);
    return new SyncResult(actions, applied, SyncResult.Status.SUCCEEDED, "");
  }

  /** Returns the failure message, or null when the whole stage applied. */
  private String applyStage(AppRef app, List<ResourceState> stage, List<ApplyAction> actions,
      Map<String, Map<String, Object>> applied, Options options) throws ReconcileFailure {
    List<ResourceState> toWrite = new ArrayList<>();
    for (ResourceState s : stage) {
      if (s.sync() == ResourceState.Sync.Conflict) {
        if (options.failOnSharedResource()) {
          actions.add(new ApplyAction(s.desired().key(), ApplyAction.Action.Failed, s.message()));
          return s.desired().origin() + " (" + s.desired().key() + "): " + s.message() + " (FailOnSharedResource=true)";
        }
        actions.add(new ApplyAction(s.desired().key(), ApplyAction.Action.Skipped, s.message()));
        continue;
      }
      if (s.sync().needsApply()) toWrite.add(s);
      else actions.add(new ApplyAction(s.desired().key(), ApplyAction.Action.Unchanged, ""));
    }
    List<String> rejected = new ArrayList<>();
    // Validation protects what exists: when the stage changes an existing object, every object
    // of the stage is dry-run first, so a rejection leaves the running version untouched. A
    // stage that only creates has nothing to protect and skips it (it would double the cost of
    // every first sync); a rejected creation stops the stage and is reported by name.
    boolean changesExisting = toWrite.stream().anyMatch(s -> s.live() != null);
    boolean validating = options.validate() && (changesExisting || validation == Validation.ALWAYS);
    for (ResourceState s : toWrite) {
      if (s.predicted() != null || !validating) continue;
      // a Force=true or Replace=true object is written differently from what a dry-run of
      // server-side apply can check (recreated, or replaced whole)
      ObjectSyncOptions own = options.of(s.desired().key());
      if (own.force() || own.replace() || options.replace()) continue;
      try {
        resources.dryRun(s.desired().body(), s.desired().key());
      } catch (KubeException e) {
        if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
        rejected.add(s.desired().origin() + " (" + s.desired().key() + "): " + e.getMessage());
        actions.add(new ApplyAction(s.desired().key(), ApplyAction.Action.Failed, e.getMessage()));
      }
    }
    if (!rejected.isEmpty()) {
      return "the API server rejected " + rejected.size() + " object(s), nothing applied: "
          + String.join("; ", rejected);
    }
    for (ResourceState s : toWrite) {
      Manifest m = s.desired();
      try {
        Map<String, Object> live = write(m, WriteMode.of(options.replace() || options.of(m.key()).replace(),
            options.of(m.key()).force()));
        fingerprints.put(app, m.key(), m.body(), live);
        applied.put(m.key().inventoryId(), live);
        actions.add(new ApplyAction(m.key(),
            s.live() == null ? ApplyAction.Action.Created : ApplyAction.Action.Configured, ""));
      } catch (KubeException e) {
        if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
        actions.add(new ApplyAction(m.key(), ApplyAction.Action.Failed, e.getMessage()));
        return m.origin() + " (" + m.key() + "): " + e.getMessage();
      }
    }
    return null;
  }

  private Map<String, Object> write(Manifest m, WriteMode mode) throws KubeException {
    try {
      return mode.replaces() ? resources.replace(m.body(), m.key()) : resources.apply(m.body(), m.key());
    } catch (KubeException e) {
      if (!mode.recreatesOnRefusal() || e.isTransient()) throw e;
      resources.delete(m.apiVersion(), m.key(), io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND);
      return resources.apply(m.body(), m.key());
    }
  }

  /**
   * Creates the namespaces the app's objects go to (CreateNamespace=true) that neither exist nor
   * are declared among its objects. Also called before hooks, which may run before any object.
   */
  public List<ApplyAction> ensureNamespaces(AppRef app, Set<String> namespaces, List<ResourceState> states)
      throws ReconcileFailure {
    List<ApplyAction> actions = new ArrayList<>();
    createNamespaces(app, namespaces, states, actions);
    return actions;
  }

  private void createNamespaces(AppRef app, Set<String> namespaces, List<ResourceState> states,
      List<ApplyAction> actions) throws ReconcileFailure {
    Set<String> declared = new TreeSet<>();
    states.stream().map(ResourceState::desired)
        .filter(m -> m.kind().equals("Namespace") && m.key().group().isEmpty())
        .forEach(m -> declared.add(m.key().name()));
    for (String ns : namespaces) {
      if (ns.isEmpty() || declared.contains(ns)) continue;
      ResourceKey key = new ResourceKey("", "Namespace", "", ns);
      try {
        if (resources.get("v1", key) != null) continue;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "Namespace");
        body.put("metadata", new LinkedHashMap<>(Map.of("name", ns)));
        resources.apply(body, key);
        actions.add(new ApplyAction(key, ApplyAction.Action.Created, "CreateNamespace=true"));
      } catch (KubeException e) {
        throw new ReconcileFailure(e.isTransient() ? FailureReason.ClusterUnreachable : FailureReason.SyncFailed,
            "creating namespace " + ns + ": " + e.getMessage(), e.isTransient());
      }
    }
  }

  /** What the second stage waits for, or null when every CRD of the first is Established. */
  private String notEstablished(AppRef app, List<ResourceState> first) throws ReconcileFailure {
    for (ResourceState s : first) {
      if (!s.desired().kind().equals("CustomResourceDefinition")) continue;
      ResourceKey key = s.desired().key();
      if (established(s.desired())) {
        crdWaits.done(app, key);
        continue;
      }
      if (crdWaits.overdue(app, key)) {
        throw new ReconcileFailure(FailureReason.SyncFailed,
            key + " not established within " + CRD_WAIT.toSeconds() + "s", true);
      }
      return "waiting for CRD " + key.name() + " to be Established";
    }
    return null;
  }

  private boolean established(Manifest crd) throws ReconcileFailure {
    try {
      Map<String, Object> live = resources.get(crd.apiVersion(), crd.key());
      if (live == null) return false;
      Object conditions = JsonValues.path(live, "status", "conditions");
      if (!(conditions instanceof List<?> list)) return false;
      return list.stream().anyMatch(c -> c instanceof Map<?, ?> m
          && "Established".equals(m.get("type")) && "True".equals(m.get("status")));
    } catch (KubeException e) {
      throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
    }
  }
}
