package dev.keelson.controller.fleet;

import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination clusters: the controller's own, and every cluster a Secret in the controller's
 * namespace describes ({@link ClusterSecrets}). A remote cluster's engine (client, discovery,
 * informers) starts with the first app that needs it and stops with the last; its reachability is
 * probed in the background while it runs.
 */
public final class Clusters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Clusters.class);

  private final String namespace;
  private final ClusterEngine.Factory factory;
  private final ClusterEngine inCluster;
  private final Clock clock;
  private final List<SharedIndexInformer<Secret>> informers;
  /** Each cluster Secret by name, read once per change rather than on every reconcile. */
  private final Map<String, Read> secrets = new ConcurrentHashMap<>();
  private final Map<String, Remote> remotes = new HashMap<>();
  /** Engines of apps acting as a ServiceAccount on the controller's own cluster. */
  private final Map<Identity.As, Impersonated> inClusterAs = new HashMap<>();
  private final KubernetesClient control;
  /** Where each app holds an engine: a remote cluster's name (null for the own cluster) and its identity. */
  private final Map<AppRef, Slot> appCluster = new HashMap<>();
  private final ScheduledExecutorService prober;

  /** A cluster Secret and what it says: the cluster, or why it cannot be read. */
  private record Read(Secret secret, ClusterSecret cluster, IllegalArgumentException error) {
    static Read of(Secret s) {
      try {
        return new Read(s, ClusterSecrets.parse(s), null);
      } catch (IllegalArgumentException e) {
        return new Read(s, null, e);
      }
    }
  }

  /** A running remote cluster: its engine, reachability, the apps that use it and its impersonated engines. */
  private record Remote(ClusterSecret cluster, Secret from, KubernetesClient client, ClusterEngine engine,
      Reachability reachability, Set<AppRef> apps, Map<Identity.As, Impersonated> as) {}

  /** An engine acting as a ServiceAccount: its own client, and the apps that act as that account. */
  private record Impersonated(KubernetesClient client, ClusterEngine engine, Set<AppRef> apps) {}

  /** @param cluster a remote cluster's name, null for the controller's own */
  private record Slot(String cluster, Identity identity) {}

  public Clusters(KubernetesClient control, String namespace, ClusterEngine.Factory factory, Clock clock) {
    this.namespace = namespace;
    this.control = control;
    this.factory = factory;
    this.clock = clock;
    this.inCluster = factory.create(control);
    this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keelson-cluster-probe");
      t.setDaemon(true);
      return t;
    });
    ResourceEventHandler<Secret> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(Secret s) {
        secretChanged(s);
      }

      @Override
      public void onUpdate(Secret old, Secret s) {
        secretChanged(s);
      }

      @Override
      public void onDelete(Secret s, boolean unknownFinalState) {
        secretGone(s.getMetadata().getName());
      }
    };
    this.informers = List.of(
        control.secrets().inNamespace(namespace).withLabel(ClusterSecrets.TYPE_LABEL, ClusterSecrets.CLUSTER)
            .inform(handler),
        control.secrets().inNamespace(namespace).withLabel(ClusterSecrets.ARGOCD_TYPE_LABEL, ClusterSecrets.CLUSTER)
            .inform(handler));
    prober.scheduleWithFixedDelay(this::probeAll, Reachability.interval().toMillis(),
        Reachability.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The engine of the app's destination cluster; the app holds that cluster until it is forgotten
   * or moves to another.
   *
   * @throws ReconcileFailure {@link FailureReason#DestinationUnknown} when no Secret describes the
   *     cluster, {@link FailureReason#ClusterUnreachable} when it does not answer
   */
  public ClusterEngine forApp(AppRef app, ClusterRef ref) throws ReconcileFailure {
    return forApp(app, ref, Identity.CONTROLLER);
  }

  /**
   * The engine of the app's destination cluster acting as {@code identity}.
   *
   * @throws ReconcileFailure as {@link #forApp(AppRef, ClusterRef)}
   */
  public ClusterEngine forApp(AppRef app, ClusterRef ref, Identity identity) throws ReconcileFailure {
    if (ref instanceof ClusterRef.InCluster) {
      synchronized (this) {
        Slot wanted = new Slot(null, identity);
        if (!wanted.equals(appCluster.get(app))) release(app);
        if (identity instanceof Identity.As as) {
          Impersonated imp = inClusterAs.computeIfAbsent(as, a -> impersonate(inCluster, control, a));
          imp.apps().add(app);
          appCluster.put(app, wanted);
          return imp.engine();
        }
        return inCluster;
      }
    }
    Read found = find(ref);
    ClusterSecret cluster = found.cluster();
    Remote remote;
    ClusterEngine engine;
    synchronized (this) {
      Slot wanted = new Slot(cluster.name(), identity);
      Slot previous = appCluster.get(app);
      if (previous != null && !previous.equals(wanted)) release(app);
      remote = remotes.get(cluster.name());
      if (remote == null) {
        KubernetesClient client;
        try {
          client = ClusterClients.create(cluster);
        } catch (RuntimeException e) {
          throw new ReconcileFailure(FailureReason.DestinationUnknown, "cluster " + cluster.name() + " (Secret "
              + namespace + "/" + cluster.secretName() + "): its credentials cannot be used: " + Causes.rootMessage(e), true);
        }
        Reachability reach = new Reachability(client, clock);
        reach.probe();
        remote = new Remote(cluster, found.secret(), client, factory.create(client), reach,
            new HashSet<>(), new HashMap<>());
        remotes.put(cluster.name(), remote);
        LOG.info("cluster {} ({}): started for {}", cluster.name(), cluster.server(), app);
      }
      remote.apps().add(app);
      engine = remote.engine();
      if (identity instanceof Identity.As as) {
        Remote r = remote;
        Impersonated imp = remote.as().computeIfAbsent(as, a -> impersonate(r.engine(), r.client(), a));
        imp.apps().add(app);
        engine = imp.engine();
      }
      appCluster.put(app, wanted);
    }
    Reachability.State state = remote.reachability().state();
    if (!state.reachable()) {
      throw new ReconcileFailure(FailureReason.ClusterUnreachable, "cluster " + cluster.name() + " ("
          + cluster.server() + ") does not answer since " + state.since() + ": " + state.cause(), true);
    }
    return engine;
  }

  /**
   * How project rules see the app's destination cluster: its name and server, without starting
   * anything.
   *
   * @throws ReconcileFailure {@link FailureReason#DestinationUnknown} as {@link #forApp}
   */
  public dev.keelson.core.project.DestinationCluster identify(ClusterRef ref) throws ReconcileFailure {
    if (ref instanceof ClusterRef.InCluster) return dev.keelson.core.project.DestinationCluster.IN_CLUSTER;
    ClusterSecret cluster = find(ref).cluster();
    return new dev.keelson.core.project.DestinationCluster(cluster.name(), cluster.server());
  }

  private static Impersonated impersonate(ClusterEngine base, KubernetesClient client, Identity.As as) {
    KubernetesClient impersonating = ClusterClients.impersonating(client, as.account());
    LOG.debug("acting as {} on {}", as, client.getMasterUrl());
    return new Impersonated(impersonating, base.impersonation().as(impersonating), new HashSet<>());
  }

  /** The app no longer needs its cluster (deleted, or moved to the controller's own). */
  public synchronized void forget(AppRef app) {
    release(app);
    inCluster.forget().accept(app);
  }

  /** The remote clusters whose engines run now (some app uses each), by name. */
  public synchronized Set<String> running() {
    return Set.copyOf(remotes.keySet());
  }

  private Read find(ClusterRef ref) throws ReconcileFailure {
    IllegalArgumentException unreadable = null;
    for (Read r : secrets.values()) {
      if (r.cluster() != null && r.cluster().matches(ref)) return r;
      if (r.error() != null && ref instanceof ClusterRef.ByName n
          && n.name().equals(r.secret().getMetadata().getName())) {
        unreadable = r.error();
      }
    }
    if (unreadable != null) throw new ReconcileFailure(FailureReason.DestinationUnknown, unreadable.getMessage(), true);
    String field = ref instanceof ClusterRef.ByName ? "spec.destination.name" : "spec.destination.server";
    throw new ReconcileFailure(FailureReason.DestinationUnknown, field + ": no " + ref + " among the cluster Secrets"
        + " in namespace " + namespace + " (labelled " + ClusterSecrets.TYPE_LABEL + "=cluster)", true);
  }

  private synchronized void release(AppRef app) {
    Slot slot = appCluster.remove(app);
    if (slot == null) return;
    if (slot.cluster() == null) {
      if (slot.identity() instanceof Identity.As as) releaseImpersonated(inClusterAs, as, app);
      return;
    }
    Remote remote = remotes.get(slot.cluster());
    if (remote == null) return;
    remote.engine().forget().accept(app);
    if (slot.identity() instanceof Identity.As as) releaseImpersonated(remote.as(), as, app);
    remote.apps().remove(app);
    if (remote.apps().isEmpty()) stop(slot.cluster(), "no app uses it any more");
  }

  /** The last app acting as an account stops its engine (an impersonated engine holds no watches). */
  private static void releaseImpersonated(Map<Identity.As, Impersonated> engines, Identity.As as, AppRef app) {
    Impersonated imp = engines.get(as);
    if (imp == null) return;
    imp.engine().forget().accept(app);
    imp.apps().remove(app);
    if (imp.apps().isEmpty()) {
      engines.remove(as);
      close(imp);
    }
  }

  private static void close(Impersonated imp) {
    imp.engine().close().run();
    imp.client().close();
  }

  private synchronized void stop(String name, String why) {
    Remote remote = remotes.remove(name);
    if (remote == null) return;
    remote.apps().forEach(appCluster::remove);
    remote.as().values().forEach(Clusters::close);
    remote.engine().close().run();
    remote.client().close();
    LOG.info("cluster {}: stopped ({})", name, why);
  }

  private void secretChanged(Secret s) {
    secrets.put(s.getMetadata().getName(), Read.of(s));
    restartIfChanged(s);
  }

  private void secretGone(String secretName) {
    secrets.remove(secretName);
    synchronized (this) {
      remotes.values().stream().filter(r -> r.cluster().secretName().equals(secretName)).map(r -> r.cluster().name())
          .toList().forEach(n -> stop(n, "its Secret was deleted"));
    }
  }

  /** New credentials or server: the next reconcile of each of its apps starts it again with them. */
  private synchronized void restartIfChanged(Secret s) {
    Optional<Remote> running = remotes.values().stream()
        .filter(r -> r.cluster().secretName().equals(s.getMetadata().getName())).findFirst();
    if (running.isPresent() && !java.util.Objects.equals(running.get().from().getData(), s.getData())) {
      stop(running.get().cluster().name(), "its Secret changed");
    }
  }

  private void probeAll() {
    List<Remote> running;
    synchronized (this) {
      running = List.copyOf(remotes.values());
    }
    for (Remote r : running) {
      boolean was = r.reachability().state().reachable();
      r.reachability().probe();
      Reachability.State now = r.reachability().state();
      if (was && !now.reachable()) LOG.warn("cluster {} ({}) does not answer: {}", r.cluster().name(), r.cluster().server(), now.cause());
      if (!was && now.reachable()) LOG.info("cluster {} ({}) answers again", r.cluster().name(), r.cluster().server());
    }
  }


  @Override
  public void close() {
    prober.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
    synchronized (this) {
      List.copyOf(remotes.keySet()).forEach(n -> stop(n, "controller stopping"));
    }
    synchronized (this) {
      inClusterAs.values().forEach(Clusters::close);
      inClusterAs.clear();
    }
    inCluster.close().run();
  }
}
