package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.BlueGreenStatus;
import dev.keelson.api.rollouts.v1alpha1.RolloutAnalysis;
import dev.keelson.api.rollouts.v1alpha1.PauseCondition;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.rollouts.v1alpha1.RolloutRequestRecord;
import dev.keelson.api.rollouts.v1alpha1.RolloutStatus;
import dev.keelson.rollouts.bluegreen.BlueGreenDecision;
import dev.keelson.rollouts.bluegreen.BlueGreenDecision.Stage;
import dev.keelson.rollouts.bluegreen.BlueGreenInput;
import dev.keelson.rollouts.bluegreen.BlueGreenMachine;
import dev.keelson.rollouts.bluegreen.BlueGreenSpec;
import dev.keelson.rollouts.canary.AnalysisVerdict;
import dev.keelson.rollouts.canary.CanaryDecision;
import dev.keelson.rollouts.canary.CanaryInput;
import dev.keelson.rollouts.canary.CanarySpec;
import dev.keelson.rollouts.canary.OperatorAction;
import dev.keelson.rollouts.canary.ReplicaCounts;
import dev.keelson.rollouts.canary.RolloutPhase;
import dev.keelson.rollouts.canary.Step;
import dev.keelson.rollouts.canary.StepMachine;
import dev.keelson.rollouts.canary.TrafficRouting;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import dev.keelson.rollouts.canary.Surge;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK entry point for Rollouts with a pod template, canary or blue-green. For a canary it
 * reads the owned ReplicaSets, the current analysis step's AnalysisRun and the status, lets the
 * {@link StepMachine} decide, then scales, starts the analysis a step needs, switches the
 * Services' selectors and records the step in status. Everything it needs to carry on is in the
 * status and on the ReplicaSets, so a restarted controller continues from the same step.
 */
@ControllerConfiguration(name = "rollout", generationAwareEventProcessing = false)
public final class RolloutReconciler implements Reconciler<Rollout> {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutReconciler.class);
  static final String PAUSE_STEP = "CanaryPauseStep";
  static final String PAUSED_BY_OPERATOR = "PausedByOperator";
  /** Argo Rollouts' reason while a ready blue-green preview waits for its promotion. */
  static final String BLUE_GREEN_PAUSE = "BlueGreenPause";
  /** The suffix of the background analysis' run. */
  static final String BACKGROUND = "background";
  private static final int HISTORY_LIMIT = 20;
  /** Argo Rollouts' default for spec.progressDeadlineSeconds. */
  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  private final KubernetesClient client;
  private final RolloutOptions options;
  private final ReplicaSets replicaSets;
  private final ServiceSelectors services;
  private final RolloutEvents events;
  private final AnalysisRuns analysisRuns;
  private final ApplicationPin pins;
  private final WorkloadRefs workloads;
  private final NginxCanaryIngress ingresses;
  private final SmiTrafficSplit splits;
  private final HttpRouteWeights httpRoutes;
  private final StatefulSetCanary statefulSets;
  private final StepMachine machine = new StepMachine();
  private final BlueGreenMachine blueGreenMachine = new BlueGreenMachine();

  public RolloutReconciler(KubernetesClient client, RolloutOptions options) {
    this(client, options, RolloutEventTap.NONE);
  }

  /** @param tap receives every event recorded (notifications) */
  public RolloutReconciler(KubernetesClient client, RolloutOptions options, RolloutEventTap tap) {
    this.client = client;
    this.options = options;
    this.replicaSets = new ReplicaSets(client);
    this.services = new ServiceSelectors(client);
    this.events = new RolloutEvents(client, options.clock(), tap);
    this.analysisRuns = new AnalysisRuns(client);
    this.pins = new ApplicationPin(client);
    this.workloads = new WorkloadRefs(client);
    this.ingresses = new NginxCanaryIngress(client);
    this.splits = new SmiTrafficSplit(client);
    this.httpRoutes = new HttpRouteWeights(client);
    this.statefulSets = new StatefulSetCanary(client);
  }

  @Override
  public List<EventSource<?, Rollout>> prepareEventSources(EventSourceContext<Rollout> context) {
    var owned = new InformerEventSource<>(InformerEventSourceConfiguration.from(ReplicaSet.class, Rollout.class)
        .withName("rollout-replicasets")
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Rollout.class))
        .withNamespacesInheritedFromController()
        .build(), context);
    // a run's verdict moves the step on
    var runs = new InformerEventSource<>(InformerEventSourceConfiguration.from(AnalysisRun.class, Rollout.class)
        .withName("rollout-analysisruns")
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Rollout.class))
        .withNamespacesInheritedFromController()
        .build(), context);
    // a workloadRef's Deployment: a changed template there is a new canary here
    var workloads = new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, Rollout.class)
        .withName("rollout-workloads")
        .withSecondaryToPrimaryMapper(d -> context.getPrimaryCache()
            .list(d.getMetadata().getNamespace(), r -> WorkloadRefs.refersTo(r, d))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withNamespacesInheritedFromController()
        .build(), context);
    // a workloadRef's StatefulSet: its revisions and ready pods move the canary
    var statefulSets = new InformerEventSource<>(InformerEventSourceConfiguration.from(StatefulSet.class, Rollout.class)
        .withName("rollout-statefulsets")
        .withSecondaryToPrimaryMapper(s -> context.getPrimaryCache()
            .list(s.getMetadata().getNamespace(), r -> WorkloadRefs.refersTo(r, s))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withNamespacesInheritedFromController()
        .build(), context);
    return List.of(owned, runs, workloads, statefulSets);
  }

  @Override
  public UpdateControl<Rollout> reconcile(Rollout written, Context<Rollout> context) {
    if (written.isMarkedForDeletion()) return UpdateControl.noUpdate();
    WorkloadRefs.Workload workload;
    try {
      workload = workloads.resolve(written);
    } catch (IllegalArgumentException e) {
      RolloutStatus status = written.getStatus() == null ? new RolloutStatus() : written.getStatus();
      return fail(written, status, client.getKubernetesSerialization().clone(status), e.getMessage());
    }
    return reconcile(workload, context);
  }

  /** A Rollout whose template (its own or its workloadRef's) is known. */
  private UpdateControl<Rollout> reconcile(WorkloadRefs.Workload workload, Context<Rollout> context) {
    Rollout rollout = workload.rollout();
    Instant now = options.clock().instant();
    RolloutStatus status = rollout.getStatus() == null ? new RolloutStatus() : rollout.getStatus();
    RolloutStatus before = client.getKubernetesSerialization().clone(status);
    var strategy = rollout.getSpec().strategy;
    if (strategy == null || (strategy.canary == null) == (strategy.blueGreen == null)) {
      return fail(rollout, status, before, "spec.strategy needs exactly one of canary and blueGreen");
    }
    CanarySpec canarySpec = null;
    BlueGreenSpec blueGreenSpec = null;
    try {
      if (strategy.canary != null) canarySpec = CanarySpec.of(strategy.canary);
      else blueGreenSpec = BlueGreenSpec.of(strategy.blueGreen);
    } catch (IllegalArgumentException e) {
      return fail(rollout, status, before, e.getMessage());
    }
    Optional<StatefulSetCanary.Observed> observed = Optional.empty();
    if (workload.statefulSet().isPresent()) {
      if (canarySpec == null) {
        return fail(rollout, status, before, "spec.workloadRef: a StatefulSet is rolled out by a canary, not blueGreen");
      }
      if (canarySpec.trafficRouting().isPresent() || canarySpec.canaryService().isPresent()
          || canarySpec.stableService().isPresent()) {
        return fail(rollout, status, before, "spec.workloadRef: with a StatefulSet, canaryService, stableService and "
            + "trafficRouting are not supported (its pods are updated in place; weights are pods)");
      }
      observed = statefulSets.observe(workload.statefulSet().get());
      if (observed.isEmpty()) {
        // the StatefulSet controller reports its revisions shortly; its status change brings us back
        return UpdateControl.<Rollout>noUpdate().rescheduleAfter(Duration.ofSeconds(5));
      }
    }
    String hash = observed.map(StatefulSetCanary.Observed::canary)
        .orElseGet(() -> PodTemplateHash.of(rollout.getSpec().template));
    int replicas = rollout.getSpec().replicas == null ? 1 : rollout.getSpec().replicas;

    if (!hash.equals(status.currentPodHash)) {
      // a new template starts from the first step, and clears an abort of the previous one
      status.currentPodHash = hash;
      status.currentStepIndex = 0;
      status.pauseConditions = withoutReason(status.pauseConditions, PAUSE_STEP);
      status.abort = null;
      status.abortedAt = null;
      if (status.blueGreen != null) status.blueGreen.scaleUpPreviewCheckPoint = null;
    }
    boolean wasAborted = Boolean.TRUE.equals(status.abort);
    OperatorAction action = answerRequest(rollout, status, now);
    boolean retried = wasAborted && !Boolean.TRUE.equals(status.abort);
    // a retry measures again: the template's runs go, and none is read in this pass
    if (retried) analysisRuns.deleteFor(rollout, hash);
    Map<String, ReplicaSet> byHash = context.getSecondaryResources(ReplicaSet.class).stream()
        .filter(rs -> ReplicaSets.hashOf(rs).isPresent())
        .collect(Collectors.toMap(rs -> ReplicaSets.hashOf(rs).get(), Function.identity(), (a, b) -> a));
    if (blueGreenSpec != null) {
      return blueGreen(rollout, status, before, blueGreenSpec, hash, replicas, action, retried, byHash, now, workload);
    }
    int stepIndex = status.currentStepIndex == null ? 0 : Math.min(status.currentStepIndex, canarySpec.steps().size());
    Optional<AnalysisRun> stepRun = !retried && stepIndex < canarySpec.steps().size()
        && canarySpec.steps().get(stepIndex) instanceof Step.Analysis
        ? analysisRuns.get(rollout, hash, AnalysisRuns.step(stepIndex)) : Optional.empty();

    Optional<ReplicaSet> canaryRs = Optional.ofNullable(byHash.get(hash));
    // a StatefulSet's stable is its current revision; a ReplicaSet's is what the status recorded
    Optional<String> stableHash = observed.isPresent() ? observed.map(StatefulSetCanary.Observed::stable)
        : Optional.ofNullable(status.stableRS);
    Optional<ReplicaSet> stableRs = stableHash.map(byHash::get);
    ReplicaCounts canaryCounts = observed.map(StatefulSetCanary.Observed::canaryCounts).orElse(counts(canaryRs));
    ReplicaCounts stableCounts = observed.map(StatefulSetCanary.Observed::stableCounts).orElse(counts(stableRs));
    // the StatefulSet controller bounds its own update (one pod at a time): no surge to keep to
    Surge surge = observed.isPresent() ? new Surge(replicas, replicas) : canarySpec.surge(replicas);

    Optional<String> abortReason = abortReason(status);
    boolean held = held(rollout, status);
    // background analysis: from its starting step until the canary is stable
    Optional<RolloutAnalysis> background = Optional.ofNullable(strategy.canary.analysis)
        .filter(a -> a.templates != null && !a.templates.isEmpty());
    boolean rollingOut = stableHash.isPresent() && !stableHash.get().equals(hash);
    Optional<AnalysisRun> backgroundRun = !retried && rollingOut && background.isPresent()
        ? analysisRuns.get(rollout, hash, BACKGROUND) : Optional.empty();
    CanaryInput input = new CanaryInput(replicas, canarySpec.steps(), surge, hash, stableHash,
        stepIndex, pauseStart(status, PAUSE_STEP), canaryCounts,
        stableCounts, abortReason, held, action, AnalysisRuns.verdict(stepRun), AnalysisRuns.verdict(backgroundRun),
        now, canarySpec.trafficRouting().isPresent());
    CanaryDecision decision = machine.next(input);
    Optional<AnalysisRun> failedRun = decision.abortReason().filter(r -> r.startsWith("background")).isPresent()
        ? backgroundRun : stepRun;
    if (decision.abortReason().isPresent() && abortReason.isEmpty() && failedRun.isPresent()
        && failedRun.get().getStatus() != null && failedRun.get().getStatus().message != null) {
      // the failing metric and its values, for the status and the owning Application
      String reason = decision.abortReason().get() + ": " + failedRun.get().getStatus().message;
      decision = new CanaryDecision(decision.canaryReplicas(), decision.stableReplicas(), decision.stepIndex(),
          decision.phase(), "Rollout aborted: " + reason, decision.pausedSince(), false, Optional.of(reason),
          decision.canaryWeight(), decision.recheckAfter());
    }
    if (decision.abortReason().isEmpty() && !held && decision.stepIndex() < canarySpec.steps().size()
        && canarySpec.steps().get(decision.stepIndex()) instanceof Step.Analysis) {
      try {
        analysisRuns.ensure(rollout, hash, AnalysisRuns.step(decision.stepIndex()),
            rollout.getSpec().strategy.canary.steps.get(decision.stepIndex()).analysis);
      } catch (IllegalArgumentException e) {
        return fail(rollout, status, before, e.getMessage());
      }
    }

    if (background.isPresent() && rollingOut) {
      int startingStep = background.get().startingStep == null ? 0 : background.get().startingStep;
      if (decision.promoted() || decision.abortReason().isPresent()) {
        backgroundRun.ifPresent(analysisRuns::terminate);
      } else if (!held && decision.stepIndex() >= startingStep) {
        try {
          analysisRuns.ensure(rollout, hash, BACKGROUND, background.get());
        } catch (IllegalArgumentException e) {
          return fail(rollout, status, before, e.getMessage());
        }
      }
    }

    String newStable = decision.promoted() ? hash : stableHash.orElse(null);
    Optional<Duration> recheck = decision.recheckAfter();
    if (observed.isPresent()) {
      StatefulSet sts = workload.statefulSet().get();
      if (!rollingOut) {
        statefulSets.setPartition(sts, replicas); // held, so a new template updates no pod before the first step
      } else if (decision.abortReason().isPresent()) {
        int deleted = statefulSets.rollBack(sts, observed.get());
        if (deleted > 0) {
          events.normal(rollout, "StatefulSetRolledBack", deleted + " pod(s) of StatefulSet "
              + sts.getMetadata().getName() + " recreated at revision " + observed.get().stable());
        }
      } else {
        statefulSets.setPartition(sts, replicas - decision.canaryReplicas());
      }
    } else {
      ReplicaSet canary = replicaSets.ensure(rollout, hash, canaryRs);
      replicaSets.scale(canary, decision.canaryReplicas(), null);
      if (stableRs.isPresent() && !stableHash.get().equals(hash)) {
        replicaSets.scale(stableRs.get(), decision.stableReplicas(), null);
      }
      recheck = earliest(recheck, scaleDownOld(byHash, hash, newStable, canarySpec.scaleDownDelay(), now));
    }

    List<String> problems = new ArrayList<>();
    canarySpec.canaryService().flatMap(s -> services.point(rollout.getMetadata().getNamespace(), s, hash))
        .ifPresent(problems::add);
    if (newStable != null) {
      canarySpec.stableService().flatMap(s -> services.point(rollout.getMetadata().getNamespace(), s, newStable))
          .ifPresent(problems::add);
    }

    if (canarySpec.trafficRouting().isPresent()) {
      TrafficRouting routing = canarySpec.trafficRouting().get();
      int weight = routedWeight(decision, status, rollingOut, canaryCounts.available());
      decision = new CanaryDecision(decision.canaryReplicas(), decision.stableReplicas(), decision.stepIndex(),
          decision.phase(), decision.message(), decision.pausedSince(), decision.promoted(), decision.abortReason(),
          weight, decision.recheckAfter());
      String stableService = canarySpec.stableService().orElseThrow();
      String canaryService = canarySpec.canaryService().orElseThrow();
      Optional<String> problem;
      if (routing instanceof TrafficRouting.Nginx nginx) {
        problem = ingresses.route(rollout, nginx, stableService, canaryService, weight);
      } else if (routing instanceof TrafficRouting.Smi smi) {
        problem = splits.route(rollout, smi, stableService, canaryService, weight);
      } else if (routing instanceof TrafficRouting.GatewayApi gateway) {
        problem = httpRoutes.route(rollout, gateway, stableService, canaryService, weight,
            rollingOut && !decision.promoted());
      } else {
        throw new IllegalStateException("unknown traffic routing " + routing);
      }
      problem.ifPresent(problems::add);
    }

    int stableWanted = decision.stableReplicas();
    boolean waiting = canaryCounts.available() < decision.canaryReplicas()
        || stableRs.filter(rs -> !stableHash.get().equals(hash)).map(ReplicaSets::available)
            .filter(a -> a < stableWanted).isPresent();
    recheck = earliest(recheck, record(rollout, status, decision, newStable, now, problems,
        new Progress(waiting, observed.isPresent()
            ? "StatefulSet " + rollout.getSpec().workloadRef.name + " revision " + hash
            : "ReplicaSet " + ReplicaSets.name(rollout, hash))));
    writeStatusIfChanged(rollout, status, before);
    if (RolloutPhase.Healthy.name().equals(status.phase) && hash.equals(status.stableRS)) {
      workloads.afterSuccess(rollout, workload);
    }
    announce(rollout, before, status, decision.message());
    UpdateControl<Rollout> control = UpdateControl.noUpdate();
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  /**
   * The weight a router gives the canary: none outside a rollout, after promotion (the stable
   * Service selects the new pods then) or on abort; the step's weight once the canary's pods are
   * available, and until then no more than was already given, so traffic never runs ahead of pods.
   */
  static int routedWeight(CanaryDecision decision, RolloutStatus status, boolean rollingOut, int canaryAvailable) {
    if (!rollingOut || decision.promoted() || decision.abortReason().isPresent()) return 0;
    if (canaryAvailable >= decision.canaryReplicas()) return decision.canaryWeight();
    int given = status.canaryWeight == null ? 0 : status.canaryWeight;
    return Math.min(given, decision.canaryWeight());
  }

  /**
   * A blue-green rollout: the {@link BlueGreenMachine} decides, then the preview and stable
   * ReplicaSets are scaled, the promotion's analyses started and the active and preview Services
   * pointed at their templates.
   */
  private UpdateControl<Rollout> blueGreen(Rollout rollout, RolloutStatus status, RolloutStatus before, BlueGreenSpec spec,
      String hash, int replicas, OperatorAction action, boolean retried, Map<String, ReplicaSet> byHash, Instant now,
      WorkloadRefs.Workload workload) {
    BlueGreenStatus bg = status.blueGreen == null ? new BlueGreenStatus() : status.blueGreen;
    Optional<ReplicaSet> previewRs = Optional.ofNullable(byHash.get(hash));
    Optional<String> stableHash = Optional.ofNullable(status.stableRS);
    Optional<ReplicaSet> stableRs = stableHash.map(byHash::get);
    Optional<AnalysisRun> preRun = retried || spec.prePromotionAnalysis().isEmpty()
        ? Optional.empty() : analysisRuns.get(rollout, hash, Stage.PRE.suffix);
    Optional<AnalysisRun> postRun = retried || spec.postPromotionAnalysis().isEmpty()
        ? Optional.empty() : analysisRuns.get(rollout, hash, Stage.POST.suffix);
    Optional<String> abortReason = abortReason(status);
    boolean held = held(rollout, status);
    BlueGreenInput input = new BlueGreenInput(replicas, spec.previewReplicaCount(), spec.autoPromotionEnabled(),
        spec.autoPromotionSeconds(), hash, stableHash, Optional.ofNullable(bg.activeSelector),
        Boolean.TRUE.equals(bg.scaleUpPreviewCheckPoint), counts(previewRs), counts(stableRs),
        pauseStart(status, BLUE_GREEN_PAUSE), abortReason, held, action,
        spec.prePromotionAnalysis().map(a -> AnalysisRuns.verdict(preRun)),
        spec.postPromotionAnalysis().map(a -> AnalysisRuns.verdict(postRun)), now);
    BlueGreenDecision d = blueGreenMachine.next(input);
    String message = d.message();
    if (d.abortReason().isPresent() && abortReason.isEmpty()) {
      // the failing metric and its values, for the status and the owning Application
      Optional<String> why = (message.contains("post-promotion") ? postRun : preRun)
          .map(AnalysisRun::getStatus).map(s -> s.message);
      if (why.isPresent()) message = message + ": " + why.get();
    }
    if (d.analysis().isPresent() && d.abortReason().isEmpty() && !held) {
      RolloutAnalysis analysis = (d.analysis().get() == Stage.PRE ? spec.prePromotionAnalysis()
          : spec.postPromotionAnalysis()).orElseThrow();
      try {
        analysisRuns.ensure(rollout, hash, d.analysis().get().suffix, analysis);
      } catch (IllegalArgumentException e) {
        return fail(rollout, status, before, e.getMessage());
      }
    }

    ReplicaSet preview = replicaSets.ensure(rollout, hash, previewRs);
    replicaSets.scale(preview, d.previewReplicas(), null);
    if (stableRs.isPresent() && !stableHash.get().equals(hash)) {
      replicaSets.scale(stableRs.get(), d.stableReplicas(), null);
    }
    String newStable = d.promoted() ? hash : status.stableRS;
    Optional<Duration> recheck = earliest(d.recheckAfter(),
        scaleDownOld(byHash, hash, newStable, spec.scaleDownDelay(), now));

    List<String> problems = new ArrayList<>();
    String ns = rollout.getMetadata().getNamespace();
    services.point(ns, spec.activeService(), d.activeHash()).ifPresent(problems::add);
    spec.previewService().flatMap(s -> services.point(ns, s, d.previewHash())).ifPresent(problems::add);

    String previousActive = bg.activeSelector;
    bg.activeSelector = d.activeHash();
    bg.previewSelector = spec.previewService().isPresent() ? d.previewHash() : null;
    bg.scaleUpPreviewCheckPoint = d.scaleUpPreviewCheckPoint() ? Boolean.TRUE : null;
    status.blueGreen = bg;
    status.currentStepIndex = null;
    status.canaryWeight = null;
    boolean waiting = counts(previewRs).available() < d.previewReplicas()
        || stableRs.filter(rs -> !stableHash.get().equals(hash)).map(ReplicaSets::available)
            .filter(a -> a < d.stableReplicas()).isPresent();
    recheck = earliest(recheck, recordCommon(rollout, status, d.phase(), message, newStable, BLUE_GREEN_PAUSE,
        d.pausedSince(), d.abortReason().isPresent(), now, problems,
        new Progress(waiting, "ReplicaSet " + ReplicaSets.name(rollout, hash))));
    writeStatusIfChanged(rollout, status, before);
    if (RolloutPhase.Healthy.name().equals(status.phase) && hash.equals(status.stableRS)) {
      workloads.afterSuccess(rollout, workload);
    }
    if (previousActive != null && !previousActive.equals(bg.activeSelector)) {
      events.normal(rollout, "ActiveServiceSwitched",
          "Service " + spec.activeService() + " now selects ReplicaSet " + ReplicaSets.name(rollout, bg.activeSelector));
    }
    announce(rollout, before, status, message);
    UpdateControl<Rollout> control = UpdateControl.noUpdate();
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  /** Where a request found the rollout: its step for a canary; nothing for blue-green, which has none. */
  /** " from step 2" and the like; nothing for blue-green, which has no steps. */
  private static String where(String preposition, RolloutStatus status) {
    return status.currentStepIndex == null ? "" : " " + preposition + " step " + status.currentStepIndex;
  }

  private static Optional<String> abortReason(RolloutStatus status) {
    return Boolean.TRUE.equals(status.abort)
        ? Optional.of(status.message == null ? "aborted" : status.message.replaceFirst("^Rollout aborted: ", ""))
        : Optional.empty();
  }

  private static boolean held(Rollout rollout, RolloutStatus status) {
    return Boolean.TRUE.equals(rollout.getSpec().paused) || hasReason(status.pauseConditions, PAUSED_BY_OPERATOR);
  }

  /** Applies the pending operator request, once (its token is recorded in history); returns the promote to apply. */
  private OperatorAction answerRequest(Rollout rollout, RolloutStatus status, Instant now) {
    var annotations = rollout.getMetadata().getAnnotations();
    Optional<RolloutRequest> request = RolloutRequest.parse(annotations == null ? null : annotations.get(RolloutRequest.ANNOTATION));
    if (request.isEmpty()) return OperatorAction.NONE;
    RolloutRequest r = request.get();
    if (status.history.stream().anyMatch(h -> r.at().equals(h.token))) return OperatorAction.NONE;
    OperatorAction action = OperatorAction.NONE;
    String result;
    switch (r.action()) {
      case promote -> {
        action = OperatorAction.PROMOTE;
        status.pauseConditions = withoutReason(status.pauseConditions, PAUSED_BY_OPERATOR);
        result = "promoted" + where("from", status);
      }
      case promoteFull -> {
        action = OperatorAction.PROMOTE_FULL;
        status.pauseConditions = withoutReason(status.pauseConditions, PAUSED_BY_OPERATOR);
        result = "fully promoted" + where("from", status);
      }
      case abort -> {
        status.abort = true;
        status.abortedAt = now.toString();
        status.message = "Rollout aborted: aborted by " + (r.by() == null ? "an operator" : r.by());
        result = "aborted" + where("at", status);
      }
      case retry -> {
        status.abort = null;
        status.abortedAt = null;
        status.currentStepIndex = 0;
        status.pauseConditions = withoutReason(withoutReason(status.pauseConditions, PAUSE_STEP), BLUE_GREEN_PAUSE);
        if (status.blueGreen != null) status.blueGreen.scaleUpPreviewCheckPoint = null;
        result = "retried from the first step";
      }
      case pause -> {
        if (!hasReason(status.pauseConditions, PAUSED_BY_OPERATOR)) {
          status.pauseConditions.add(pauseCondition(PAUSED_BY_OPERATOR, now));
        }
        result = "paused" + where("at", status);
      }
      case resume -> {
        status.pauseConditions = withoutReason(status.pauseConditions, PAUSED_BY_OPERATOR);
        result = "resumed" + where("at", status);
      }
      default -> throw new IllegalStateException("unknown action " + r.action());
    }
    RolloutRequestRecord rec = new RolloutRequestRecord();
    rec.action = r.action().name();
    rec.token = r.at();
    rec.requestedBy = r.by();
    rec.at = now.toString();
    rec.result = result;
    status.history.add(rec);
    while (status.history.size() > HISTORY_LIMIT) status.history.remove(0);
    events.normal(rollout, "OperatorRequest", r.action() + " by " + (r.by() == null ? "an operator" : r.by()) + ": " + result);
    return action;
  }

  /**
   * ReplicaSets that are neither the template's nor stable any more keep their pods for the
   * scale-down delay (so connections to them drain), then go to zero.
   */
  private Optional<Duration> scaleDownOld(Map<String, ReplicaSet> byHash, String hash, String stable, Duration delay,
      Instant now) {
    Optional<Duration> recheck = Optional.empty();
    for (var e : byHash.entrySet()) {
      if (e.getKey().equals(hash) || e.getKey().equals(stable)) continue;
      ReplicaSet rs = e.getValue();
      if (ReplicaSets.desired(rs) == 0) continue;
      Instant deadline = ReplicaSets.deadline(rs).orElse(now.plus(delay));
      if (!now.isBefore(deadline)) {
        replicaSets.scale(rs, 0, null);
      } else {
        replicaSets.scale(rs, ReplicaSets.desired(rs), deadline);
        recheck = earliest(recheck, Optional.of(Duration.between(now, deadline)));
      }
    }
    return recheck;
  }

  /**
   * Whether the rollout waits for pods to become available (what progressDeadlineSeconds bounds),
   * and the ReplicaSet it waits for, for the message.
   */
  private record Progress(boolean waitingForPods, String replicaSet) {}

  /** @return when to look again for the progress deadline */
  private static Optional<Duration> record(Rollout rollout, RolloutStatus status, CanaryDecision d, String stable,
      Instant now, List<String> problems, Progress progress) {
    status.currentStepIndex = d.stepIndex();
    status.canaryWeight = d.canaryWeight();
    return recordCommon(rollout, status, d.phase(), d.message(), stable, PAUSE_STEP, d.pausedSince(),
        d.abortReason().isPresent(), now, problems, progress);
  }

  private static Optional<Duration> recordCommon(Rollout rollout, RolloutStatus status, RolloutPhase phase,
      String decided, String stable, String pauseReason, Optional<Instant> pausedSince, boolean aborted, Instant now,
      List<String> problems, Progress progress) {
    status.observedGeneration = rollout.getMetadata().getGeneration();
    String message = problems.isEmpty() ? decided : decided + (decided.isEmpty() ? "" : "; ") + String.join("; ", problems);
    // progressDeadlineSeconds: waiting for pods with nothing changing (the same message) for longer is Degraded
    // (Argo Rollouts' ProgressDeadlineExceeded); it is not an abort, so progress turns it back to Progressing
    Optional<Duration> recheck = Optional.empty();
    boolean exceeded = false;
    if (phase == RolloutPhase.Progressing && progress.waitingForPods()) {
      Duration limit = Duration.ofSeconds(rollout.getSpec().progressDeadlineSeconds == null
          ? DEFAULT_PROGRESS_DEADLINE_SECONDS : rollout.getSpec().progressDeadlineSeconds);
      if (!message.equals(status.progressMessage) || status.lastProgressAt == null) {
        status.progressMessage = message;
        status.lastProgressAt = now.toString();
      }
      Instant end = Instant.parse(status.lastProgressAt).plus(limit);
      if (now.isBefore(end)) {
        recheck = Optional.of(Duration.between(now, end));
      } else {
        exceeded = true;
        phase = RolloutPhase.Degraded;
        message = progress.replicaSet() + " has timed out progressing (progressDeadlineSeconds "
            + limit.toSeconds() + "): " + message;
      }
    } else {
      status.progressMessage = null;
      status.lastProgressAt = null;
    }
    status.phase = phase.name();
    // no empty strings in status: the 1.20 API server reads them back as null, which the schema refuses
    status.message = message.isEmpty() ? null : message;
    status.stableRS = stable;
    status.replicas = rollout.getSpec().replicas == null ? 1 : rollout.getSpec().replicas;
    status.pauseConditions = withoutReason(status.pauseConditions, pauseReason);
    pausedSince.ifPresent(t -> status.pauseConditions.add(pauseCondition(pauseReason, t)));
    if (aborted) {
      if (!Boolean.TRUE.equals(status.abort)) status.abortedAt = now.toString();
      status.abort = true;
    }
    status.conditions = RolloutConditions.of(phase, status.message, now, status.conditions, exceeded);
    return recheck;
  }

  private void announce(Rollout rollout, RolloutStatus before, RolloutStatus after, String message) {
    if (!Objects.equals(before.stableRS, after.stableRS) && after.stableRS != null) {
      events.normal(rollout, "RolloutCompleted", "ReplicaSet " + ReplicaSets.name(rollout, after.stableRS) + " is stable");
    }
    if (!Objects.equals(before.currentStepIndex, after.currentStepIndex) && after.stableRS != null
        && !after.stableRS.equals(after.currentPodHash)) {
      events.normal(rollout, "RolloutStepCompleted", "step " + after.currentStepIndex + ": " + message);
    }
    if (Boolean.TRUE.equals(after.abort) && !Boolean.TRUE.equals(before.abort)) {
      events.warning(rollout, "RolloutAborted", after.message);
      if (rollout.getSpec().onAbort != null && Boolean.TRUE.equals(rollout.getSpec().onAbort.pinApplication)) {
        try {
          events.normal(rollout, "ApplicationPinned", pins.pin(rollout, options.clock().instant()));
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
          events.warning(rollout, "ApplicationPinned", "not pinned: " + e.getMessage());
        }
      }
    }
  }

  private UpdateControl<Rollout> fail(Rollout rollout, RolloutStatus status, RolloutStatus before, String message) {
    status.observedGeneration = rollout.getMetadata().getGeneration();
    status.phase = RolloutPhase.Degraded.name();
    status.message = message;
    status.conditions = RolloutConditions.of(RolloutPhase.Degraded, message, options.clock().instant(), status.conditions);
    writeStatusIfChanged(rollout, status, before);
    return UpdateControl.noUpdate();
  }

  /** Replaces the whole status (a PUT against the resourceVersion read): a stale read fails and is retried. */
  private void writeStatusIfChanged(Rollout rollout, RolloutStatus status, RolloutStatus before) {
    if (status.equals(before) || json(status).equals(json(before))) return;
    Rollout copy = client.getKubernetesSerialization().clone(rollout);
    copy.setStatus(status);
    client.resource(copy).updateStatus();
    LOG.debug("rollout {}/{}: {} {}", rollout.getMetadata().getNamespace(), rollout.getMetadata().getName(),
        status.phase, status.message);
  }

  private String json(Object o) {
    return client.getKubernetesSerialization().asJson(o);
  }

  private static ReplicaCounts counts(Optional<ReplicaSet> rs) {
    return rs.map(r -> new ReplicaCounts(ReplicaSets.desired(r), ReplicaSets.available(r))).orElse(ReplicaCounts.NONE);
  }

  private static Optional<Instant> pauseStart(RolloutStatus status, String reason) {
    return status.pauseConditions.stream().filter(p -> reason.equals(p.reason) && p.startTime != null)
        .map(p -> Instant.parse(p.startTime)).findFirst();
  }

  private static boolean hasReason(List<PauseCondition> conditions, String reason) {
    return conditions != null && conditions.stream().anyMatch(p -> reason.equals(p.reason));
  }

  private static List<PauseCondition> withoutReason(List<PauseCondition> conditions, String reason) {
    List<PauseCondition> out = new ArrayList<>(conditions == null ? List.of() : conditions);
    out.removeIf(p -> reason.equals(p.reason));
    return out;
  }

  private static PauseCondition pauseCondition(String reason, Instant since) {
    PauseCondition p = new PauseCondition();
    p.reason = reason;
    p.startTime = since.toString();
    return p;
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a.get().compareTo(b.get()) <= 0 ? a : b;
  }
}
