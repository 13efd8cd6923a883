package dev.keelson.controller.appset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.runtime.ApplicationReconciler;
import dev.keelson.core.appset.GeneratorException;
import dev.keelson.core.appset.Generators;
import dev.keelson.core.appset.Params;
import dev.keelson.core.appset.SetPlan;
import dev.keelson.core.appset.SetPlanner;
import dev.keelson.core.appset.TemplateException;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.source.GitCredentials;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK entry point for ApplicationSets: evaluates each generator on its own, renders its
 * apps, lets {@link SetPlanner} decide, applies the decision and reports it in status. Runs
 * again after the set's interval, on a spec change, and on a confirmation.
 */
@ControllerConfiguration(
    name = "applicationset",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrConfirmChanged.class))
public final class ApplicationSetReconciler implements Reconciler<ApplicationSet> {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationSetReconciler.class);

  private static final Duration ROLLOUT_RECHECK = Duration.ofSeconds(3);

  private final KubernetesClient client;
  private final String controllerNamespace;
  private final GitSourceCache git;
  private final RepositoryCredentials repositories;
  private final Clock clock;

  /** @param repositories credentials for the git generator's repositories (repository Secrets) */
  public ApplicationSetReconciler(KubernetesClient client, String controllerNamespace, GitSourceCache git,
      RepositoryCredentials repositories, Clock clock) {
    this.client = client;
    this.controllerNamespace = controllerNamespace;
    this.git = git;
    this.repositories = repositories;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ApplicationSet> reconcile(ApplicationSet set, Context<ApplicationSet> context) {
    if (set.isMarkedForDeletion()) return UpdateControl.noUpdate();
    ApplicationSetStatus old = set.getStatus() == null ? new ApplicationSetStatus() : set.getStatus();
    AppSetSettings settings;
    try {
      settings = AppSetSettings.of(set);
    } catch (IllegalArgumentException e) {
      ApplicationSetStatus next = AppSetStatuses.invalid(old, set, e.getMessage(), clock.instant());
      writeStatus(set, next);
      return UpdateControl.<ApplicationSet>noUpdate().rescheduleAfter(AppSetSettings.DEFAULT_INTERVAL);
    }
    Instant now = clock.instant();
    // a project-scoped repository Secret serves the set when its template names that project
    String project = set.getSpec().template == null || set.getSpec().template.spec == null
        || set.getSpec().template.spec.project == null ? "default" : set.getSpec().template.spec.project;
    AppSetInputs inputs = new AppSetInputs(client, controllerNamespace, git,
        url -> repositories.forUrl(url, project).map(GitCredentials::fromSecretData).orElse(GitCredentials.NONE),
        settings.interval());
    Generators generators = new Generators(inputs, settings.templater());
    RevisionPins pins = settings.strategy() instanceof Strategy.Rolling ? new RevisionPins(inputs::currentRevision) : null;
    List<SetPlan.Result> results = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < settings.generators().size(); i++) {
      JsonNode g = settings.generators().get(i);
      results.add(evaluate(set, settings, generators, pins, i, g));
      String kind;
      try {
        kind = Generators.kind(g);
      } catch (IllegalArgumentException e) {
        kind = "invalid";
      }
      kinds.add(kind);
    }

    Map<String, Application> owned = new HashMap<>();
    List<SetPlan.Live> live = new ArrayList<>();
    for (Application a : client.resources(Application.class).inNamespace(set.getMetadata().getNamespace())
        .withLabel(AppSetLabels.SET, set.getMetadata().getName()).list().getItems()) {
      if (!GeneratedApps.ownedBy(a, set)) continue;
      owned.put(a.getMetadata().getName(), a);
      live.add(GeneratedApps.live(a));
    }

    Optional<SetPlan.Confirmation> confirmation = confirmation(set, old);
    SetPlan.Output plan = SetPlanner.plan(new SetPlan.Input(live, results, settings.policy(),
        AppSetStatuses.hold(old), confirmation, now));
    RolloutGate.Gated rollout = null;
    if (settings.strategy() instanceof Strategy.Rolling rolling) {
      rollout = RolloutGate.apply(set, rolling, results, plan, owned, inputs::currentRevision, old);
      plan = rollout.plan();
    }
    List<String> problems = apply(set, settings, plan, owned);

    ApplicationSetStatus next = AppSetStatuses.next(old, set, kinds, results, live, plan, problems, now);
    Duration after = settings.interval();
    if (rollout != null) {
      AppSetStatuses.rollout(next, old, set, rollout, now);
      // the apps' progress does not wake the set: it looks again soon while a rollout runs
      if (!rollout.complete() && after.compareTo(ROLLOUT_RECHECK) > 0) after = ROLLOUT_RECHECK;
    }
    writeStatus(set, next);
    return UpdateControl.<ApplicationSet>noUpdate().rescheduleAfter(after);
  }

  /** @param pins null unless the set rolls out step by step */
  private SetPlan.Result evaluate(ApplicationSet set, AppSetSettings settings, Generators generators, RevisionPins pins,
      int index, JsonNode generator) {
    try {
      List<SetPlan.Desired> apps = new ArrayList<>();
      for (Params p : generators.evaluate(generator)) {
        var rendered = settings.template().render(p);
        if (pins != null) pins.pin(rendered);
        apps.add(GeneratedApps.desired(set, index, rendered, settings.preservation()));
      }
      return new SetPlan.Generated(index, apps);
    } catch (GeneratorException | TemplateException | IllegalArgumentException e) {
      return new SetPlan.Failed(index, e.getMessage());
    } catch (RuntimeException e) {
      // whatever else goes wrong in one generator is its failure alone: the others still apply
      LOG.warn("{}/{}: generator {} failed", set.getMetadata().getNamespace(), set.getMetadata().getName(), index, e);
      return new SetPlan.Failed(index, "unexpected error: " + e);
    }
  }

  private Optional<SetPlan.Confirmation> confirmation(ApplicationSet set, ApplicationSetStatus old) {
    var annotations = set.getMetadata().getAnnotations();
    return OperatorRequest.parse(annotations == null ? null : annotations.get(AppSetLabels.CONFIRM))
        .filter(r -> !r.at().equals(old.lastHandledConfirm))
        .map(r -> new SetPlan.Confirmation(r.at(), r.revision()));
  }

  /** Carries out the plan; what could not be done is returned, one line each, and retried next pass. */
  private List<String> apply(ApplicationSet set, AppSetSettings settings, SetPlan.Output plan,
      Map<String, Application> owned) {
    List<String> problems = new ArrayList<>();
    String ns = set.getMetadata().getNamespace();
    var apps = client.resources(Application.class).inNamespace(ns);
    for (SetPlan.Desired d : plan.creates()) {
      try {
        Application existing = apps.withName(d.name()).get();
        if (existing != null) {
          problems.add("application " + d.name() + " exists and is not owned by this set; left alone");
          continue;
        }
        apps.resource(GeneratedApps.toNew(set, d)).create();
      } catch (KubernetesClientException | IllegalArgumentException e) {
        problems.add("creating " + d.name() + ": " + e.getMessage());
      }
    }
    for (SetPlan.Desired d : plan.updates()) {
      try {
        apps.withName(d.name()).edit(a -> GeneratedApps.update(a, d));
      } catch (KubernetesClientException | IllegalArgumentException e) {
        problems.add("updating " + d.name() + ": " + e.getMessage());
      }
    }
    for (String name : plan.deletes()) {
      try {
        Application a = owned.get(name);
        if (settings.preservation() == AppSetSettings.Preservation.PRESERVE_RESOURCES && a != null
            && a.getMetadata().getFinalizers() != null
            && a.getMetadata().getFinalizers().contains(ApplicationReconciler.RESOURCES_FINALIZER)) {
          apps.withName(name).edit(x -> {
            x.getMetadata().getFinalizers().remove(ApplicationReconciler.RESOURCES_FINALIZER);
            return x;
          });
        }
        apps.withName(name).delete();
        LOG.info("{}/{}: deleted application {}", ns, set.getMetadata().getName(), name);
      } catch (KubernetesClientException e) {
        problems.add("deleting " + name + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private void writeStatus(ApplicationSet set, ApplicationSetStatus next) {
    try {
      client.resources(ApplicationSet.class).inNamespace(set.getMetadata().getNamespace())
          .withName(set.getMetadata().getName()).editStatus(s -> {
            s.setStatus(next);
            return s;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
    }
  }
}
