package dev.keelson.controller.promotion;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.automation.promotion.Freight;
import dev.keelson.automation.promotion.PromotionAction;
import dev.keelson.automation.promotion.PromotionDecider;
import dev.keelson.automation.promotion.PromotionDecision;
import dev.keelson.automation.promotion.PromotionRequest;
import dev.keelson.automation.promotion.StageAnalysis;
import dev.keelson.automation.promotion.StageMemory;
import dev.keelson.automation.promotion.StagePhase;
import dev.keelson.automation.promotion.StageState;
import dev.keelson.controller.images.Conditions;
import dev.keelson.controller.receiver.PushTrigger;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.controller.runtime.EventRecorder;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.PushRefusedException;
import dev.keelson.source.SourceException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PromotionPipelines: each pass observes the stages' Applications (and what they run, from
 * Git), answers the requests by hand (approve, promote), lets {@link PromotionDecider} say what is
 * next, does it (one promotion commit at most), and writes per-stage status and history. Any
 * change of a stage's Application (its status included) starts a pass, so a stage that becomes
 * Healthy is seen at once; a soak's end is a rescheduled pass.
 *
 * <p>Events (so Alerts can send them, with {@code kind: PromotionPipeline}): {@code Promoted}
 * (the commit pushed), {@code PromotionSucceeded} (the stage runs it, Synced and Healthy),
 * {@code PromotionAwaitingApproval}, {@code PromotionFailed} (a stage failed, a push was refused,
 * a request could not be done).
 */
// a request by hand is an annotation, which does not move the generation
@ControllerConfiguration(name = "promotionpipeline", generationAwareEventProcessing = false)
public final class PromotionReconciler implements Reconciler<PromotionPipeline> {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionReconciler.class);
  static final String CONTROLLER = "controller";
  private static final int HISTORY_LIMIT = 20;
  /** While a stage moves: its app's changes start passes anyway, this is the safety net. */
  private static final Duration BUSY = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final StageObserver observer;
  private final PromotionWriter writer;
  private final GitSourceCache git;
  private final EventRecorder events;
  private final Clock clock;
  private final PromotionOptions options;
  private final StageAnalyses analyses;

  public PromotionReconciler(KubernetesClient client, GitSourceCache git, RepositoryCredentials repositories,
      PushTrigger pushed, EventRecorder events, Clock clock, PromotionOptions options) {
    this.client = client;
    this.options = options;
    this.analyses = new StageAnalyses(client);
    this.git = git;
    this.observer = new StageObserver(client, git, repositories);
    this.writer = new PromotionWriter(client, git, repositories, pushed);
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, PromotionPipeline>> prepareEventSources(EventSourceContext<PromotionPipeline> context) {
    // a stage's Application changed: the pipelines naming it look again
    var apps = new InformerEventSource<>(InformerEventSourceConfiguration.from(Application.class, PromotionPipeline.class)
        .withName("promotion-applications")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(a -> context.getPrimaryCache()
            .list(p -> names(p, a))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), context);
    if (!options.analysisRunsMeasured()) return List.of(apps);
    // a stage's AnalysisRun measured: its pipeline looks again (the CRD is there only with rollouts on)
    var runs = new InformerEventSource<>(InformerEventSourceConfiguration.from(AnalysisRun.class, PromotionPipeline.class)
        .withName("promotion-analysisruns")
        .withNamespacesInheritedFromController()
        .withLabelSelector(PromotionPipeline.PIPELINE_LABEL)
        .withSecondaryToPrimaryMapper(r -> r.getMetadata().getOwnerReferences().stream()
            .filter(o -> "PromotionPipeline".equals(o.getKind()))
            .map(o -> new ResourceID(o.getName(), r.getMetadata().getNamespace())).collect(Collectors.toSet()))
        .build(), context);
    return List.of(apps, runs);
  }

  static boolean names(PromotionPipeline p, Application a) {
    if (p.getSpec() == null || p.getSpec().stages == null) return false;
    for (var s : p.getSpec().stages) {
      if (s == null || s.application == null || s.application.name == null) continue;
      String ns = s.application.namespace == null || s.application.namespace.isBlank()
          ? p.getMetadata().getNamespace() : s.application.namespace;
      if (s.application.name.equals(a.getMetadata().getName()) && ns.equals(a.getMetadata().getNamespace())) return true;
    }
    return false;
  }

  /** One pass's mutable bookkeeping: the memory of each stage, history, answers and the Ready condition. */
  private static final class Pass {
    final List<StageMemory> memory = new ArrayList<>();
    final List<String> approvedBy = new ArrayList<>();
    final List<String> commits = new ArrayList<>();
    final List<StageObserver.Seen> seen = new ArrayList<>();
    String refused; // why a promotion this pass was not done
    String refusedReason; // PushRefused or PromotionFailed
  }

  @Override
  public UpdateControl<PromotionPipeline> reconcile(PromotionPipeline p, Context<PromotionPipeline> context) {
    String ns = p.getMetadata().getNamespace();
    PromotionPipelineStatus old = p.getStatus() == null ? new PromotionPipelineStatus() : p.getStatus();
    PromotionPipelineStatus next = new PromotionPipelineStatus();
    next.observedGeneration = p.getMetadata().getGeneration();
    next.history = new ArrayList<>(old.history == null ? List.of() : old.history);
    next.lastHandledApprove = old.lastHandledApprove;
    next.lastHandledPromote = old.lastHandledPromote;
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    PipelineSettings settings;
    try {
      settings = PipelineSettings.of(p);
    } catch (IllegalArgumentException e) {
      next.stages = old.stages;
      next.conditions.add(Conditions.ready(old.conditions, false, "InvalidSpec", e.getMessage(), next.observedGeneration, clock));
      answerAll(p, next, "not done: " + e.getMessage());
      write(p, old, next);
      return UpdateControl.<PromotionPipeline>noUpdate().rescheduleAfter(IDLE);
    }
    if (settings.analysed() && !options.analysisRunsMeasured()) {
      next.stages = old.stages;
      String why = "spec.stages[" + firstAnalysed(settings) + "].analysis: AnalysisRuns are measured by the rollouts "
          + "controller, which is off (--rollouts=false): turn it on, or use soakDuration alone";
      next.conditions.add(Conditions.ready(old.conditions, false, "AnalysisUnavailable", why, next.observedGeneration, clock));
      answerAll(p, next, "not done: " + why);
      write(p, old, next);
      return UpdateControl.<PromotionPipeline>noUpdate().rescheduleAfter(IDLE);
    }
    Pass pass = new Pass();
    for (PipelineSettings.Stage stage : settings.stages()) {
      pass.seen.add(observer.observe(settings, stage));
      PromotionPipelineStatus.StageStatus s = stageStatus(old, stage.name());
      pass.memory.add(s == null ? StageMemory.NONE : new StageMemory(phase(s.phase), parse(s.since),
          FreightView.of(s.current), FreightView.of(s.promoting), s.approved, s.offered));
      pass.approvedBy.add(s == null ? null : s.approvedBy);
      pass.commits.add(s == null ? null : s.promotionCommit);
    }
    approve(p, settings, pass, old, next);
    promoteByHand(p, settings, pass, old, next, now);
    List<StageAnalysis> seenRuns = new ArrayList<>();
    for (int i = 0; i < settings.stages().size(); i++) {
      seenRuns.add(analyses.observe(p, settings.stages().get(i), pass.seen.get(i).observed().freight()));
    }
    PromotionDecision decision = PromotionDecider.decide(settings.specs(),
        pass.seen.stream().map(StageObserver.Seen::observed).toList(), seenRuns, pass.memory, now);
    List<StageState> states = new ArrayList<>(decision.stages());
    PromotionAction action = decision.action();
    if (!settings.suspended() && action instanceof PromotionAction.Promote promote) {
      int i = promote.stage();
      Optional<PromotionPipelineStatus.HistoryEntry> done = promote(p, settings, pass, next, i, promote.freight(),
          CONTROLLER, now);
      if (done.isPresent()) {
        StageState s = states.get(i);
        states.set(i, new StageState(StagePhase.Promoting, now, "promoted to " + promote.freight().describe() + ": "
            + done.get().message, s.current(), promote.freight()));
      }
    }
    runAnalyses(p, settings, pass, decision, states);
    // what changed since the last pass is told once
    for (int i = 0; i < states.size(); i++) {
      PromotionPipelineStatus.StageStatus before = stageStatus(old, settings.stages().get(i).name());
      StagePhase was = before == null ? null : phase(before.phase);
      StageState s = states.get(i);
      String name = settings.stages().get(i).name();
      if (s.phase() == StagePhase.Failed && was != StagePhase.Failed) {
        events.warning(p, "PromotionFailed", name + " failed: " + s.message());
      } else if (s.phase() == StagePhase.AwaitingApproval && (was != StagePhase.AwaitingApproval
          || !Objects.equals(before.message, s.message()))) {
        events.normal(p, "PromotionAwaitingApproval", name + ": " + s.message());
      } else if (was == StagePhase.Promoting && (s.phase() == StagePhase.Soaking || s.phase() == StagePhase.Verified)) {
        events.normal(p, "PromotionSucceeded", name + " runs " + s.current().describe() + ", Synced and Healthy");
      }
    }
    for (int i = 0; i < states.size(); i++) {
      StageState s = states.get(i);
      PromotionPipelineStatus.StageStatus out = new PromotionPipelineStatus.StageStatus();
      out.name = settings.stages().get(i).name();
      out.phase = s.phase().name();
      out.message = s.message();
      out.since = s.since() == null ? null : s.since().toString();
      out.current = FreightView.toStatus(s.current());
      out.promoting = FreightView.toStatus(s.promoting());
      out.promotionCommit = s.promoting() == null && s.phase() != StagePhase.Failed ? null : pass.commits.get(i);
      out.offered = pass.memory.get(i).offered();
      out.approved = pass.memory.get(i).approved();
      out.approvedBy = pass.approvedBy.get(i);
      Optional<Freight> measured = decision.analyses().get(i);
      if (measured.isPresent()) {
        out.analysisRun = StageAnalyses.name(p, settings.stages().get(i), measured.get());
        out.analysisPhase = seenRuns.get(i).phase().name();
      }
      next.stages.add(out);
    }
    next.conditions.add(ready(old, next, settings, action, pass));
    write(p, old, next);
    boolean busy = states.stream().anyMatch(s -> s.phase() == StagePhase.Promoting || s.phase() == StagePhase.Progressing
        || s.phase() == StagePhase.Soaking);
    Duration again = decision.recheck().map(d -> d.plusSeconds(1)).orElse(busy ? BUSY : IDLE);
    if (busy && again.compareTo(BUSY) > 0) again = BUSY;
    return UpdateControl.<PromotionPipeline>noUpdate().rescheduleAfter(again);
  }

  /**
   * Each stage with analysis gets the run of the candidate it runs (the decision says which), and
   * loses the runs of older candidates; a stage being promoted loses them all. A run that cannot be
   * made (a template missing) is said in the Ready condition and tried again next pass.
   */
  private void runAnalyses(PromotionPipeline p, PipelineSettings settings, Pass pass, PromotionDecision decision,
      List<StageState> states) {
    for (int i = 0; i < settings.stages().size(); i++) {
      PipelineSettings.Stage stage = settings.stages().get(i);
      if (stage.analysis().isEmpty()) continue;
      Optional<Freight> wanted = decision.analyses().get(i);
      try {
        if (wanted.isPresent()) {
          analyses.ensure(p, stage, wanted.get());
        } else if (states.get(i).phase() == StagePhase.Promoting) {
          analyses.deleteOthers(p, stage, Optional.empty());
        }
      } catch (IllegalArgumentException | KubernetesClientException e) {
        if (pass.refused == null) {
          pass.refused = stage.name() + ": spec.stages[" + i + "].analysis: " + e.getMessage();
          pass.refusedReason = "AnalysisNotStarted";
        }
      }
    }
  }

  private static int firstAnalysed(PipelineSettings settings) {
    for (int i = 0; i < settings.stages().size(); i++) if (settings.stages().get(i).analysis().isPresent()) return i;
    return -1;
  }

  private io.fabric8.kubernetes.api.model.Condition ready(PromotionPipelineStatus old, PromotionPipelineStatus next,
      PipelineSettings settings, PromotionAction action, Pass pass) {
    Long gen = next.observedGeneration;
    if (pass.refused != null) return Conditions.ready(old.conditions, false, pass.refusedReason, pass.refused, gen, clock);
    if (action instanceof PromotionAction.Failed f) {
      return Conditions.ready(old.conditions, false, "StageFailed", f.reason(), gen, clock);
    }
    if (settings.suspended()) return Conditions.ready(old.conditions, true, "Suspended", "promotion is suspended", gen, clock);
    if (action instanceof PromotionAction.AwaitApproval a) {
      return Conditions.ready(old.conditions, true, "AwaitingApproval", settings.stages().get(a.stage()).name()
          + ": " + a.freight().describe() + " awaits `keelson promote approve`", gen, clock);
    }
    if (action instanceof PromotionAction.Promote pr) {
      return Conditions.ready(old.conditions, true, "Promoting", "promoting " + pr.freight().describe() + " to "
          + settings.stages().get(pr.stage()).name(), gen, clock);
    }
    String reason = ((PromotionAction.Wait) action).reason();
    boolean idle = next.stages.stream().allMatch(s -> StagePhase.Verified.name().equals(s.phase));
    return Conditions.ready(old.conditions, true, idle ? "Succeeded" : "Progressing", reason, gen, clock);
  }

  /** Writes a candidate into stage {@code i}; the history entry, or empty when it failed (said in pass.refused). */
  private Optional<PromotionPipelineStatus.HistoryEntry> promote(PromotionPipeline p, PipelineSettings settings,
      Pass pass, PromotionPipelineStatus next, int i, Freight freight, String by, Instant now) {
    PipelineSettings.Stage stage = settings.stages().get(i);
    String from = i == 0 ? null : settings.stages().get(i - 1).name();
    String pipeline = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    StageObserver.Seen seen = pass.seen.get(i);
    try {
      if (seen.app() == null || seen.repo() == null) {
        throw new IllegalArgumentException("Application " + stage.appNamespace() + "/" + stage.appName()
            + (seen.app() == null ? " not found" : ": " + seen.observed().failure()));
      }
      PromotionWriter.Written w = writer.promote(settings, p.getMetadata().getNamespace(), pipeline, stage, seen, from,
          freight, by);
      PromotionPipelineStatus.HistoryEntry h = new PromotionPipelineStatus.HistoryEntry();
      long id = next.history.isEmpty() || next.history.get(next.history.size() - 1).id == null ? 1
          : next.history.get(next.history.size() - 1).id + 1;
      h.id = id;
      h.stage = stage.name();
      h.fromStage = from;
      h.freight = FreightView.toStatus(freight);
      h.commit = w.commit();
      h.branch = w.branch();
      h.promotedAt = now.toString();
      h.promotedBy = by;
      h.message = w.describe();
      next.history.add(h);
      while (next.history.size() > HISTORY_LIMIT) next.history.remove(0);
      StageMemory m = pass.memory.get(i);
      Freight before = i == 0 ? null : pass.seen.get(i - 1).observed().freight();
      String offered = by.equals(CONTROLLER) ? freight.key() : before == null ? m.offered() : before.key();
      pass.memory.set(i, new StageMemory(m.phase(), m.since(), m.current(),
          freight.equals(seen.observed().freight()) ? null : freight, m.approved(), offered));
      pass.commits.set(i, w.commit());
      events.normal(p, "Promoted", "promoted " + freight.describe() + " to " + stage.name()
          + (from == null ? "" : " from " + from) + " (" + w.describe() + ", by " + by + ")",
          dev.keelson.controller.notify.NotifyEvent.Detail.revision(w.commit()));
      return Optional.of(h);
    } catch (PushRefusedException e) {
      pass.refused = stage.name() + ": " + e.getMessage();
      pass.refusedReason = e.reason() == PushRefusedException.Reason.TRANSPORT ? "GitOperationFailed" : "PushRefused";
      events.warning(p, "PromotionFailed", "promotion of " + freight.describe() + " to " + stage.name() + " refused: "
          + e.getMessage());
      LOG.info("pipeline {}: {}", pipeline, e.getMessage());
    } catch (IllegalArgumentException | SourceException | KubernetesClientException e) {
      pass.refused = stage.name() + ": " + e.getMessage();
      pass.refusedReason = "PromotionFailed";
      events.warning(p, "PromotionFailed", "promotion of " + freight.describe() + " to " + stage.name() + " failed: "
          + e.getMessage());
    }
    return Optional.empty();
  }

  /** `keelson promote approve`: the candidate waiting at the stage (or the one named) is approved. */
  private void approve(PromotionPipeline p, PipelineSettings settings, Pass pass, PromotionPipelineStatus old,
      PromotionPipelineStatus next) {
    Optional<PromotionRequest> req = request(p, PromotionPipeline.APPROVE_REQUEST, old.lastHandledApprove);
    if (req.isEmpty()) return;
    PromotionRequest r = req.get();
    int i = -1;
    if (r.stage() != null) {
      i = settings.indexOf(r.stage());
    } else {
      for (int k = 0; k < settings.stages().size() && i < 0; k++) {
        var s = stageStatus(old, settings.stages().get(k).name());
        if (s != null && StagePhase.AwaitingApproval.name().equals(s.phase)) i = k;
      }
    }
    String result;
    boolean failed = true;
    if (i < 0) {
      result = r.stage() != null ? "no stage " + r.stage() : "no stage awaits approval";
    } else if (i == 0) {
      result = settings.stages().get(0).name() + " is the first stage: it runs what its Application tracks";
    } else {
      Freight candidate = pass.seen.get(i - 1).observed().freight();
      if (candidate == null) {
        result = settings.stages().get(i - 1).name() + " runs nothing known yet: nothing to approve";
      } else {
        StageMemory m = pass.memory.get(i);
        pass.memory.set(i, new StageMemory(m.phase(), m.since(), m.current(), m.promoting(), candidate.key(), m.offered()));
        pass.approvedBy.set(i, r.by());
        result = "approved " + candidate.describe() + " for " + settings.stages().get(i).name();
        failed = false;
      }
    }
    next.lastHandledApprove = answer(r, result, failed);
  }

  /** `keelson promote NAME --to STAGE [--revision REV]`: done now, whatever the soak and approval say. */
  private void promoteByHand(PromotionPipeline p, PipelineSettings settings, Pass pass, PromotionPipelineStatus old,
      PromotionPipelineStatus next, Instant now) {
    Optional<PromotionRequest> req = request(p, PromotionPipeline.PROMOTE_REQUEST, old.lastHandledPromote);
    if (req.isEmpty()) return;
    PromotionRequest r = req.get();
    String by = r.by() == null || r.by().isBlank() ? "an operator" : r.by();
    int i = r.stage() == null ? -1 : settings.indexOf(r.stage());
    String result;
    boolean failed = true;
    if (i < 0) {
      result = "no stage " + r.stage();
    } else if (i == 0) {
      result = settings.stages().get(0).name() + " is the first stage: it runs what its Application tracks";
    } else {
      StageObserver.Seen source = pass.seen.get(i - 1);
      String from = settings.stages().get(i - 1).name();
      Freight freight = source.observed().freight();
      String problem = null;
      if (r.revision() != null && !r.revision().isBlank()) {
        try {
          if (source.repo() == null) throw new IllegalArgumentException(from + ": " + source.observed().failure());
          git.fetch(source.repo().url(), source.repo().credentials(), Duration.ofSeconds(5), false);
          String commit = git.resolve(source.repo().url(), r.revision().strip()).commitSha();
          freight = observer.freightAt(settings, settings.stages().get(i - 1), source.repo(), commit);
        } catch (IllegalArgumentException | SourceException e) {
          problem = "revision " + r.revision() + " of " + from + ": " + e.getMessage();
        }
      } else if (freight == null) {
        problem = from + " runs nothing known yet" + (source.observed().failure() == null ? ""
            : " (" + source.observed().failure() + ")");
      }
      if (problem != null) {
        result = "not promoted: " + problem;
      } else {
        Optional<PromotionPipelineStatus.HistoryEntry> h = promote(p, settings, pass, next, i, freight, by, now);
        if (h.isPresent()) {
          result = "promoted " + freight.describe() + " to " + settings.stages().get(i).name() + ": " + h.get().message;
          failed = false;
        } else {
          result = "not promoted: " + pass.refused;
        }
      }
    }
    next.lastHandledPromote = answer(r, result, failed);
  }

  private static PromotionPipelineStatus.RequestAnswer answer(PromotionRequest r, String result, boolean failed) {
    PromotionPipelineStatus.RequestAnswer a = new PromotionPipelineStatus.RequestAnswer();
    a.token = r.at();
    a.result = result;
    a.failed = failed ? Boolean.TRUE : null;
    return a;
  }

  /** An invalid spec answers any request waiting, so the CLI is not left waiting. */
  private void answerAll(PromotionPipeline p, PromotionPipelineStatus next, String result) {
    request(p, PromotionPipeline.APPROVE_REQUEST, next.lastHandledApprove)
        .ifPresent(r -> next.lastHandledApprove = answer(r, result, true));
    request(p, PromotionPipeline.PROMOTE_REQUEST, next.lastHandledPromote)
        .ifPresent(r -> next.lastHandledPromote = answer(r, result, true));
  }

  private static Optional<PromotionRequest> request(PromotionPipeline p, String annotation,
      PromotionPipelineStatus.RequestAnswer handled) {
    var annotations = p.getMetadata().getAnnotations();
    if (annotations == null) return Optional.empty();
    return PromotionRequest.parse(annotations.get(annotation))
        .filter(r -> handled == null || !r.at().equals(handled.token));
  }

  private static PromotionPipelineStatus.StageStatus stageStatus(PromotionPipelineStatus s, String name) {
    if (s.stages == null) return null;
    return s.stages.stream().filter(x -> name.equals(x.name)).findFirst().orElse(null);
  }

  private static StagePhase phase(String s) {
    if (s == null) return null;
    try {
      return StagePhase.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant parse(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private void write(PromotionPipeline p, PromotionPipelineStatus old, PromotionPipelineStatus next) {
    var json = client.getKubernetesSerialization();
    if (json.asJson(old).equals(json.asJson(next))) return;
    try {
      client.resources(PromotionPipeline.class).inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName()).editStatus(x -> {
            x.setStatus(next);
            return x;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }
}
