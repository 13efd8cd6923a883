package dev.keelson.controller.plan;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.engine.Dependencies;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.SourceLoader;
import dev.keelson.controller.fleet.Destinations;
import dev.keelson.controller.project.Projects;
import dev.keelson.controller.repos.RepositorySecrets;
import dev.keelson.controller.runtime.AppDependencies;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.core.plan.report.AppPlan;
import dev.keelson.core.plan.report.ChangePlan;
import dev.keelson.core.plan.report.Hold;
import dev.keelson.kube.ApiDiscovery;
import dev.keelson.kube.ResourceClient;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.LocalCheckout;
import dev.keelson.source.SourceException;
import dev.keelson.source.Urls;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * `keelson plan`: the Applications whose source is the repository, those the change touches (or
 * all, or one), each planned at the change's commit on its own destination. The cluster is only
 * read: Applications, AppProjects, cluster and repository Secrets, live objects, and server-side
 * apply dry-runs through {@link ReadOnlyObjects}.
 */
public final class Planner implements AutoCloseable {
  private final KubernetesClient control;
  private final String controllerNamespace;
  private final Path cacheDir;
  private final Clock clock;
  private final GitSourceCache git;
  private final Map<ClusterRef, Target> targets = new HashMap<>();

  /**
   * Apps planned at once: each waits mostly for its reads and dry-runs, which the API server
   * answers in parallel; more than a few only queue behind its own limits on a small machine.
   */
  static final int CONCURRENCY = 4;

  /** What the apps of one destination cluster are planned with. */
  private record Target(Destinations.Destination destination, AppPlanner planner) {}

  /** @param cacheDir Git clones and charts, kept between runs */
  public Planner(KubernetesClient control, String controllerNamespace, Path cacheDir, Clock clock) {
    this.control = control;
    this.controllerNamespace = controllerNamespace;
    this.cacheDir = cacheDir;
    this.clock = clock;
    this.git = new GitSourceCache(cacheDir.resolve("git"));
  }

  /**
   * @throws PlanException when there is nothing to plan against: no such repository, revision or
   *     app (an app that fails on its own is reported in its {@link AppPlan})
   */
  public ChangePlan plan(PlanRequest request) throws PlanException {
    Predicate<String> serves;
    String shown;
    LocalCheckout checkout = null;
    if (request.repository() instanceof PlanRequest.Repository.Local local) {
      try {
        checkout = LocalCheckout.open(local.dir());
      } catch (SourceException e) {
        throw new PlanException(e.getMessage());
      }
      serves = checkout::serves;
      shown = local.dir().toString();
    } else {
      String url = ((PlanRequest.Repository.Remote) request.repository()).url();
      String wanted = Urls.normalize(url);
      serves = u -> u != null && !u.isBlank() && Urls.normalize(u).equals(wanted);
      shown = Urls.redact(url);
    }
    List<Application> all = control.resources(Application.class).inAnyNamespace().list().getItems();
    List<Application> ours = new ArrayList<>();
    for (Application a : all) {
      if (a.getSpec() == null || a.getSpec().source == null) continue;
      if (a.getSpec().source.chart != null && !a.getSpec().source.chart.isBlank()) continue;
      if (serves.test(a.getSpec().source.repoURL)) ours.add(a);
    }
    if (request.selection() instanceof PlanRequest.Selection.One one) {
      ours = ours.stream().filter(a -> a.getMetadata().getNamespace().equals(one.namespace())
          && a.getMetadata().getName().equals(one.name())).toList();
      if (ours.isEmpty()) {
        throw new PlanException("no Application " + one.namespace() + "/" + one.name() + " with its source in " + shown);
      }
    }
    ours = ours.stream().sorted(Comparator.comparing((Application a) -> a.getMetadata().getNamespace())
        .thenComparing(a -> a.getMetadata().getName())).toList();
    if (ours.isEmpty()) {
      // no app to plan, so no revision to resolve: nothing would change
      return new ChangePlan(shown, request.revision(), null, request.base(), List.of());
    }
    if (checkout != null) {
      for (Application a : ours) {
        try {
          git.standIn(a.getSpec().source.repoURL, checkout.gitDir());
        } catch (SourceException e) {
          throw new PlanException(e.getMessage());
        }
      }
    }
    SourceLoader source = new SourceLoader(git, control, RepositorySecrets.listing(control, controllerNamespace));
    ChangedApps changed = new ChangedApps(source);
    Set<String> namespaces = new TreeSet<>();
    ours.forEach(a -> namespaces.add(a.getMetadata().getNamespace()));
    String commit = null;
    String base = request.selection() instanceof PlanRequest.Selection.Touched
        ? (request.base() == null ? "each app's target revision" : request.base()) : null;
    Set<String> fetched = new HashSet<>();
    List<Future<AppPlan>> plans = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> {
      Thread t = new Thread(r, "keelson-plan");
      t.setDaemon(true);
      return t;
    });
    try (Projects projects = new Projects(control, controllerNamespace, namespaces, app -> { })) {
      // choosing is Git only and cheap, in order; planning reads and dry-runs, several apps at once
      for (Application a : ours) {
        AppSettings settings;
        String at;
        try {
          settings = AppSettings.of(a);
          // one forced fetch per repository and run: the change may have been pushed a moment ago
          boolean force = fetched.add(Urls.normalize(settings.repoUrl()));
          at = source.resolve(settings.atRevision(request.revision()), force).commitSha();
        } catch (IllegalArgumentException | ReconcileFailure e) {
          plans.add(CompletableFuture.completedFuture(AppPlan.failed(a.getMetadata().getNamespace(),
              a.getMetadata().getName(), "?", a.getSpec().source.path == null ? "" : a.getSpec().source.path,
              e.getMessage())));
          continue;
        }
        if (commit == null) commit = at;
        try {
          if (request.selection() instanceof PlanRequest.Selection.Touched) {
            String baseCommit = source.resolve(
                request.base() == null ? settings : settings.atRevision(request.base()), false).commitSha();
            if (!changed.judge(settings, at, baseCommit).touched()) continue;
          }
        } catch (ReconcileFailure e) {
          plans.add(CompletableFuture.completedFuture(failed(settings, e)));
          continue;
        }
        AppSettings chosen = settings;
        String planned = at;
        plans.add(pool.submit(() -> {
          try {
            return planOne(a, chosen, planned, projects, all);
          } catch (ReconcileFailure e) {
            return failed(chosen, e);
          }
        }));
      }
      List<AppPlan> done = new ArrayList<>();
      for (Future<AppPlan> f : plans) done.add(await(f));
      if (commit == null && !ours.isEmpty()) {
        throw new PlanException("revision " + request.revision() + " resolves in none of the apps' repositories: "
            + done.get(0).error());
      }
      return new ChangePlan(shown, request.revision(), commit, base, done);
    } finally {
      pool.shutdownNow();
    }
  }

  private static AppPlan failed(AppSettings settings, ReconcileFailure e) {
    return AppPlan.failed(settings.ref().namespace(), settings.ref().name(), settings.cluster().toString(),
        settings.path(), e.getMessage());
  }

  private static AppPlan await(Future<AppPlan> f) throws PlanException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      throw new IllegalStateException(cause);
    }
  }

  private AppPlan planOne(Application a, AppSettings settings, String commit, Projects projects, List<Application> all)
      throws ReconcileFailure {
    Target target = target(settings.cluster());
    List<Hold> refused = new ArrayList<>();
    AppSettings placed;
    try {
      placed = projects.place(settings, target.destination().cluster()).settings();
    } catch (ReconcileFailure e) {
      if (e.reason() != dev.keelson.controller.engine.FailureReason.ProjectViolation) throw e;
      // planned all the same, so that the pull request shows what it would have done
      refused.add(new Hold(Hold.Reason.PROJECT, e.getMessage()));
      placed = settings;
    }
    Dependencies deps = AppDependencies.among(a, placed.policy().dependsOn(), all);
    return target.planner().plan(placed, a.getStatus(), commit, settings.cluster().toString(), refused, deps,
        clock.instant());
  }

  private synchronized Target target(ClusterRef ref) throws ReconcileFailure {
    Target t = targets.get(ref);
    if (t != null) return t;
    Destinations.Destination d = Destinations.of(control, controllerNamespace, ref);
    ApiDiscovery discovery = new ApiDiscovery(d.client());
    ReadOnlyObjects objects = new ReadOnlyObjects(new ResourceClient(d.client(), discovery));
    t = new Target(d, new AppPlanner(
        KeelsonController.desiredState(control, d.client(), git, discovery, cacheDir), new ObjectPlanner(objects)));
    targets.put(ref, t);
    return t;
  }

  @Override
  public void close() {
    targets.values().forEach(t -> t.destination().close());
    git.close();
  }
}
