package dev.keelson.controller.runtime;

import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.operation.AppDeleter;
import dev.keelson.controller.operation.ChartTests;
import dev.keelson.controller.operation.OperationRunner;
import dev.keelson.controller.engine.Comparer;
import dev.keelson.controller.engine.ChartRenderer;
import dev.keelson.controller.engine.Decryptor;
import dev.keelson.controller.engine.DesiredStateBuilder;
import dev.keelson.controller.engine.FingerprintStore;
import dev.keelson.controller.engine.HealthEvaluator;
import dev.keelson.controller.engine.ObjectPreparer;
import dev.keelson.controller.engine.Pruner;
import dev.keelson.controller.engine.SourceLoader;
import dev.keelson.controller.engine.Substituter;
import dev.keelson.controller.engine.StatusBuilder;
import dev.keelson.controller.fleet.ClusterEngine;
import dev.keelson.controller.notify.Notifications;
import dev.keelson.controller.project.Projects;
import dev.keelson.controller.receiver.Webhooks;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.controller.repos.RepositorySecrets;
import dev.keelson.controller.fleet.Clusters;
import dev.keelson.controller.engine.Syncer;
import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.controller.sealed.KeyRegistry;
import dev.keelson.controller.sealed.SealedSecrets;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.helm.HelmRenderer;
import dev.keelson.helm.LookupTarget;
import dev.keelson.kube.ApiDiscovery;
import dev.keelson.kube.ClusterCapabilities;
import dev.keelson.kube.ImpersonatedReads;
import dev.keelson.kube.LiveCache;
import dev.keelson.kube.LiveObjects;
import dev.keelson.kube.ResourceClient;
import dev.keelson.render.Renderer;
import dev.keelson.rollouts.analysis.AnalysisRunReconciler;
import dev.keelson.rollouts.runtime.RolloutReconciler;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the flow together and runs it: the `keelson controller` process, also used in tests. */
public final class KeelsonController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeelsonController.class);

  private final KubernetesClient client;
  /** Everything but Applications (and all of it when not sharded): on the leader alone. */
  private final Operator operator;
  /** Applications, and what their Events need: the same as {@link #operator} unless sharded, then on every replica. */
  private final Operator appOperator;
  /** Null when not sharded. */
  private final dev.keelson.controller.shard.Shards shards;
  private final Clusters clusters;
  private final Projects projects;
  private final RepositorySecrets repositories;
  /** Null when no webhook port is served. */
  private final Webhooks webhooks;
  private final GitSourceCache git;
  private final HttpEndpoints http;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final boolean leaderElection;
  private final boolean exitOnLostLeadership;
  private final Notifications notifications;
  /** Null when SealedSecrets are not served (--sealed-secrets=false). */
  private final SealedSecrets sealedSecrets;

  private KeelsonController(KubernetesClient client, ControllerOptions options) throws IOException {
    this.client = client;
    this.exitOnLostLeadership = options.exitOnLostLeadership();
    DriftEventSource driftEvents = new DriftEventSource();
    this.git = new GitSourceCache(options.cacheDir());
    Metrics metrics = new Metrics();
    this.repositories = new RepositorySecrets(client, options.controllerNamespace());
    this.clusters = new Clusters(client, options.controllerNamespace(),
        destination -> clusterEngine(client, destination, git, driftEvents, options.cacheDir(), repositories,
            // the controller's own cluster is watched only where it may act (namespaced install)
            destination == client ? options.namespaces() : java.util.Set.of()),
        Clock.systemUTC());
    this.projects = new Projects(client, options.controllerNamespace(), options.namespaces(), driftEvents::trigger);
    this.notifications = new Notifications(client, Clock.systemUTC(), metrics::notified);
    // every Event recorded is offered to the Alerts: the one place notifications are tapped
    EventRecorder events = new EventRecorder(client, "keelson-controller", notifications.notifier()::publish);
    this.shards = options.shards().enabled()
        ? dev.keelson.controller.shard.Shards.start(client, options.controllerNamespace(), options.shards(),
            metrics.registry(), Clock.systemUTC())
        : null;
    ApplicationReconciler reconciler = new ApplicationReconciler(
        clusters, projects, new StatusBuilder(Clock.systemUTC()), new StatusStore(client), events, metrics,
        driftEvents, metrics::forget, closed::get, shards);

    this.sealedSecrets = options.sealedSecrets().enabled()
        ? new SealedSecrets(client, options.sealedSecrets(), events, Clock.systemUTC(), closed::get)
        : null;
    boolean leaderElection = options.leaseNamespace() != null;

    this.operator = new Operator(o -> {
      o.withKubernetesClient(client);
      o.withStopOnInformerErrorDuringStartup(true);
      o.withCloseClientOnStop(false);
      // the reconciler writes status itself (StatusStore); nothing else is patched through the
      // framework, and server-side apply of status would turn empty strings into nulls on
      // older API servers (1.20), which the CRD schema then rejects
      o.withUseSSAToPatchPrimaryResource(false);
      if (options.leaseNamespace() != null) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            ControllerOptions.LEASE_NAME, options.leaseNamespace(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
            identity(),
            new LeaderCallbacks(this::startedLeading, this::lostLeadership, leader -> LOG.info("leader is {}", leader)),
            false));
      }
    });
    // sharded, every replica reconciles its share of the Applications: those run outside leader election
    this.appOperator = shards == null ? operator : new Operator(o -> {
      o.withKubernetesClient(client);
      o.withStopOnInformerErrorDuringStartup(true);
      o.withCloseClientOnStop(false);
      o.withUseSSAToPatchPrimaryResource(false);
    });
    appOperator.register(reconciler, c -> {
      if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
    });
    if (sealedSecrets != null) {
      operator.register(sealedSecrets.reconciler(), c -> {
        if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
      });
    }
    this.leaderElection = leaderElection;
    if (options.rollouts().enabled()) {
      // a Rollout's events (its abort among them) reach the Alerts too
      operator.register(new RolloutReconciler(client, options.rollouts(),
          (object, warning, reason, message) -> events.announce(object, warning, reason, message,
              dev.keelson.controller.notify.NotifyEvent.Detail.NONE)), c -> {
        if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
      });
      operator.register(new AnalysisRunReconciler(client, options.rollouts().clock(),
          new dev.keelson.rollouts.analysis.AnalysisMetrics(metrics.registry())), c -> {
        if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
      });
    }
    operator.register(new dev.keelson.controller.appset.ApplicationSetReconciler(
        client, options.controllerNamespace(), git, repositories, Clock.systemUTC()), c -> {
      if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
    });
    // Providers and Alerts are read where the reconcilers that publish run: on the leader, and
    // on every replica when Applications are sharded
    appOperator.register(notifications.providerReconciler(), c -> {
      if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
    });
    appOperator.register(notifications.alertReconciler(), c -> {
      if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
    });
    // a push (received, or made by image automation or promotion) reconciles the apps held here and
    // hands the others on to their holders
    var push = new dev.keelson.controller.receiver.PushTrigger(client, git, driftEvents::trigger,
        shards == null ? dev.keelson.controller.shard.AppPlacement.EVERY_APP : shards::holds);
    this.webhooks = options.webhookPort() < 0 ? null
        : new Webhooks(client, push, options.webhookPort(), Clock.systemUTC());
    if (webhooks != null) {
      // sharded, any replica may receive a hook (a Service spreads them): each knows every Receiver
      appOperator.register(webhooks.reconciler(), c -> {
        if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
      });
    }
    if (options.images().enabled()) {
      dev.keelson.controller.images.ImageAutomation images = new dev.keelson.controller.images.ImageAutomation(
          client, git, repositories, push, options.images(), events, Clock.systemUTC());
      // promotion writes Git as image automation does, and runs with it (--image-automation); a
      // stage's analysis is measured by the AnalysisRunReconciler registered above with rollouts
      var promotions = new dev.keelson.controller.promotion.PromotionReconciler(client, git, repositories,
          push, events, Clock.systemUTC(),
          options.rollouts().enabled() ? dev.keelson.controller.promotion.PromotionOptions.withAnalysis()
              : dev.keelson.controller.promotion.PromotionOptions.withoutAnalysis());
      for (var r : java.util.List.<io.javaoperatorsdk.operator.api.reconciler.Reconciler<?>>of(images.repositories(),
          images.policies(), images.automations(), promotions)) {
        operator.register(r, c -> {
          if (!options.namespaces().isEmpty()) c.settingNamespaces(options.namespaces());
        });
      }
    }
    this.http = new HttpEndpoints(options.metricsPort(), started::get, metrics::scrape);
  }

  private void startedLeading() {
    LOG.info("leading");
    // only the leader generates and renews sealing keys; every replica loads them
    if (sealedSecrets != null) sealedSecrets.keys().leading(true);
  }

  /**
   * The flow's parts that act on one destination cluster. Sources, the Secrets and ConfigMaps an
   * app reads and its status stay on the controller's own cluster ({@code control}).
   */
  private static ClusterEngine clusterEngine(KubernetesClient control, KubernetesClient destination,
      GitSourceCache git, DriftEventSource driftEvents, java.nio.file.Path cacheDir, RepositoryCredentials repositories,
      java.util.Set<String> namespaces) {
    ApiDiscovery discovery = new ApiDiscovery(destination);
    LiveCache liveCache = new LiveCache(destination, discovery, driftEvents, namespaces);
    DesiredStateBuilder desired = desiredStateBuilder(control, destination, git, discovery, cacheDir, repositories);
    // an app acting as a ServiceAccount shares the rendering, discovery and watches; its reads and
    // writes go through the impersonating client, and every stage is validated before it is written
    ClusterEngine.Impersonation impersonation = impersonating -> {
      ResourceClient resources = new ResourceClient(impersonating, discovery);
      return engineOver(desired, resources, new ImpersonatedReads(liveCache, resources), Syncer.Validation.ALWAYS,
          () -> { }, null);
    };
    return engineOver(desired, new ResourceClient(destination, discovery), liveCache,
        Syncer.Validation.WHEN_CHANGING_EXISTING, liveCache::close, impersonation);
  }

  private static ClusterEngine engineOver(DesiredStateBuilder desired, ResourceClient resources, LiveObjects live,
      Syncer.Validation validation, Runnable close, ClusterEngine.Impersonation impersonation) {
    FingerprintStore fingerprints = new FingerprintStore();
    Syncer syncer = new Syncer(resources, fingerprints, Clock.systemUTC(), validation);
    Pruner pruner = new Pruner(live, resources, fingerprints);
    AppEngine engine = new AppEngine(
        desired,
        new Comparer(live, resources, fingerprints),
        pruner,
        new HealthEvaluator(new HealthAssessor(), resources, Clock.systemUTC()),
        new OperationRunner(syncer, pruner, resources, Clock.systemUTC()),
        Clock.systemUTC());
    return new ClusterEngine(engine, new AppDeleter(pruner, resources, desired), app -> {
      engine.forget(app);
      fingerprints.forget(app);
    }, close, impersonation);
  }

  /**
   * A replica that loses its Lease while running must stop acting at once: another replica may
   * already be applying. The process exits so that its supervisor restarts it as a standby.
   * Stopping on purpose (close) releases the Lease and does not exit.
   */
  private void lostLeadership() {
    if (closed.get()) return;
    if (sealedSecrets != null) sealedSecrets.keys().leading(false);
    LOG.error("lost leadership of {}; exiting", ControllerOptions.LEASE_NAME);
    if (exitOnLostLeadership) {
      new Thread(() -> System.exit(1), "keelson-exit").start();
    } else {
      close();
    }
  }

  /** Starts watching and reconciling; returns once the informers are up. */
  public static KeelsonController start(KubernetesClient client, ControllerOptions options) throws IOException {
    // before anything is created or watched: too few rights fail here, each one named
    ControllerPermissions.check(client, options);
    if (options.leaseNamespace() != null) ensureNamespace(client, options.leaseNamespace());
    if (options.sealedSecrets().enabled()) requireCrd(client, SealedSecret.CRD_NAME, "SealedSecret", "--sealed-secrets=false");
    if (options.rollouts().enabled()) {
      for (String crd : java.util.List.of(Rollout.CRD_NAME, AnalysisRun.CRD_NAME, AnalysisTemplate.CRD_NAME)) {
        requireCrd(client, crd, "Rollout", "--rollouts=false");
      }
    }
    for (String crd : java.util.List.of(dev.keelson.api.v1alpha1.Provider.CRD_NAME, dev.keelson.api.v1alpha1.Alert.CRD_NAME)) {
      requireCrd(client, crd, "notification", "the CRDs of this version (`keelson install` installs them)");
    }
    if (options.images().enabled()) {
      for (String crd : java.util.List.of(dev.keelson.api.images.v1alpha1.ImageRepository.CRD_NAME,
          dev.keelson.api.images.v1alpha1.ImagePolicy.CRD_NAME, dev.keelson.api.images.v1alpha1.ImageUpdateAutomation.CRD_NAME,
          dev.keelson.api.promotion.v1alpha1.PromotionPipeline.CRD_NAME)) {
        requireCrd(client, crd, "image automation", "--image-automation=false");
      }
    }
    KeelsonController c = new KeelsonController(client, options);
    if (c.sealedSecrets != null) {
      // keys are loaded before any SealedSecret is reconciled; without leader election this
      // replica is the only one and generates the first key itself (in the background)
      c.sealedSecrets.keys().start();
      if (!c.leaderElection) c.sealedSecrets.keys().leading(true);
    }
    c.operator.start();
    if (c.appOperator != c.operator) c.appOperator.start();
    c.started.set(true);
    LOG.info("controller started; metrics on :{}", c.http.port());
    return c;
  }

  /** The diff engine alone, for `keelson app diff`: same source, render and dry-run as a sync. */
  public static AppDiffer differ(KubernetesClient client, java.nio.file.Path cacheDir) {
    return differ(client, client, cacheDir);
  }

  /** The same, for an app whose objects go to {@code destination}. */
  public static AppDiffer differ(KubernetesClient control, KubernetesClient destination, java.nio.file.Path cacheDir) {
    ApiDiscovery discovery = new ApiDiscovery(destination);
    GitSourceCache git = new GitSourceCache(cacheDir);
    return new AppDiffer(
        desiredStateBuilder(control, destination, git, discovery, cacheDir),
        new ResourceClient(destination, discovery));
  }

  /**
   * The same over a Git cache the caller keeps: a long-running process (the API server) diffs
   * many apps and must not clone a repository once per request.
   */
  public static AppDiffer differ(KubernetesClient control, KubernetesClient destination, GitSourceCache git,
      java.nio.file.Path cacheDir) {
    ApiDiscovery discovery = new ApiDiscovery(destination);
    return new AppDiffer(desiredStateBuilder(control, destination, git, discovery, cacheDir),
        new ResourceClient(destination, discovery));
  }

  /** Source and render alone over a Git cache the caller keeps (the API server's manifests). */
  public static DesiredStateBuilder desiredState(KubernetesClient control, KubernetesClient destination,
      GitSourceCache git, java.nio.file.Path cacheDir) {
    return desiredStateBuilder(control, destination, git, new ApiDiscovery(destination), cacheDir);
  }

  /** A chart's test hooks run against the live release, for `keelson app test`. */
  public static ChartTests chartTests(KubernetesClient control, KubernetesClient destination,
      java.nio.file.Path cacheDir) {
    ApiDiscovery discovery = new ApiDiscovery(destination);
    return new ChartTests(desiredStateBuilder(control, destination, new GitSourceCache(cacheDir), discovery, cacheDir),
        new ResourceClient(destination, discovery), Clock.systemUTC());
  }

  /** Source and render alone, for `keelson app manifests`: the objects a sync would apply. */
  public static DesiredStateBuilder desiredState(KubernetesClient control, KubernetesClient destination,
      java.nio.file.Path cacheDir) {
    return desiredStateBuilder(control, destination, new GitSourceCache(cacheDir), new ApiDiscovery(destination),
        cacheDir);
  }

  /**
   * The same over a Git cache the caller keeps (`keelson plan`: one cache for all apps, a local
   * checkout standing in for its remote).
   */
  public static DesiredStateBuilder desiredState(KubernetesClient control, KubernetesClient destination,
      GitSourceCache git, ApiDiscovery discovery, java.nio.file.Path cacheDir) {
    return desiredStateBuilder(control, destination, git, discovery, cacheDir);
  }

  /** @param cacheDir Git clones, and pulled charts under {@code charts/} */
  /**
   * @param control the controller's own cluster: credentials, variables, value and key Secrets
   * @param destination where the objects go: capabilities and API discovery
   */
  private static DesiredStateBuilder desiredStateBuilder(KubernetesClient control, KubernetesClient destination,
      GitSourceCache git, ApiDiscovery discovery, java.nio.file.Path cacheDir) {
    // a command run once (diff, manifests, test) reads the repository Secrets once
    return desiredStateBuilder(control, destination, git, discovery, cacheDir,
        RepositorySecrets.listing(control, ControllerOptions.DEFAULT_NAMESPACE));
  }

  private static DesiredStateBuilder desiredStateBuilder(KubernetesClient control, KubernetesClient destination,
      GitSourceCache git, ApiDiscovery discovery, java.nio.file.Path cacheDir, RepositoryCredentials repositories) {
    KubeVariableSource objects = new KubeVariableSource(control);
    ChartRenderer charts = new ChartRenderer(new HelmRenderer(cacheDir.resolve("charts")), objects,
        new ClusterCapabilities(destination, Clock.systemUTC()),
        destination == control ? LookupTarget.PROCESS_CLUSTER : LookupTarget.REFUSED, repositories);
    return new DesiredStateBuilder(new SourceLoader(git, control, repositories), new Decryptor(objects), new Renderer(),
        charts, new Substituter(objects), new ObjectPreparer(discovery));
  }

  public int metricsPort() {
    return http.port();
  }

  /** The port of the Receivers' webhook paths; -1 when none is served. */
  public int webhookPort() {
    return webhooks == null ? -1 : webhooks.port();
  }

  /** The destination clusters and their running engines. */
  public Clusters clusters() {
    return clusters;
  }

  /** The sealing keys this controller holds; empty when SealedSecrets are not served. */
  public java.util.Optional<KeyRegistry> sealingKeys() {
    return sealedSecrets == null ? java.util.Optional.empty() : java.util.Optional.of(sealedSecrets.registry());
  }

  /** Notifications: what was delivered and given up, for tests and metrics. */
  public Notifications notifications() {
    return notifications;
  }

  public GitSourceCache gitCache() {
    return git;
  }

  /** A clear message instead of JOSDK's informer failure when `keelson install` left the CRD out. */
  private static void requireCrd(KubernetesClient client, String crdName, String what, String optOut) {
    try {
      if (client.apiextensions().v1().customResourceDefinitions().withName(crdName).get() == null) {
        throw new IllegalStateException("the " + what + " CRD " + crdName + " is not installed: run `keelson install`,"
            + " or start the controller with " + optOut);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) throw e;
      // not allowed to read CRDs: the informer will tell
    }
  }

  private static void ensureNamespace(KubernetesClient client, String ns) {
    try {
      if (client.namespaces().withName(ns).get() == null) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
  }

  private static String identity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "keelson");
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Stops at once without leaving, as a replica whose process is killed: its shard Lease stays
   * behind and goes stale, and the other replicas take its apps only then.
   */
  public void halt() {
    if (shards != null) shards.halt();
    close();
  }

  /** The sharding of Applications; empty when this controller is not sharded. */
  public java.util.Optional<dev.keelson.controller.shard.Shards> shards() {
    return java.util.Optional.ofNullable(shards);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    started.set(false);
    if (appOperator != operator) appOperator.stop();
    // the Lease goes once this replica's reconciles have stopped: then the others may take its apps
    if (shards != null) shards.close();
    operator.stop();
    if (sealedSecrets != null) sealedSecrets.keys().close();
    clusters.close();
    projects.close();
    repositories.close();
    if (webhooks != null) webhooks.close();
    notifications.close();
    http.close();
    LOG.info("controller stopped");
  }
}
