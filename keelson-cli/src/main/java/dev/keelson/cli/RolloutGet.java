package dev.keelson.cli;

import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.BlueGreenStrategy;
import dev.keelson.api.rollouts.v1alpha1.CanaryStep;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.rollouts.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show a Rollout: phase, steps and weight (canary) or active, preview and promotion (blue-green), "
        + "ReplicaSets, the current template's analyses and the operator requests answered.")
final class RolloutGet implements Callable<Integer> {
  @Mixin RolloutTarget rollout;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-w", "--watch"}, description = "Show it again on every change, until Healthy or Degraded.")
  boolean watch;

  @Option(names = "--timeout", defaultValue = "30m", description = "With --watch: stop after this long (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    Duration limit = dev.keelson.core.time.Durations.parse(timeout);
    try (KubernetesClient client = rollout.kube.client()) {
      Rollout r = rollout.require(client, name);
      String shown = show(client, r, null);
      if (!watch) return ExitCodes.OK;
      Instant end = Instant.now().plus(limit);
      while (!finished(r) && Instant.now().isBefore(end)) {
        // a watch would do too; polling keeps it simple and survives API server restarts
        final String previous = shown;
        r = client.resources(Rollout.class).inNamespace(r.getMetadata().getNamespace()).withName(name)
            .waitUntilCondition(x -> x == null || !Objects.equals(render(client, x), previous),
                Math.max(1, Duration.between(Instant.now(), end).toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (r == null) throw new IllegalArgumentException("rollout " + name + " was deleted");
        shown = show(client, r, previous);
      }
      return "Degraded".equals(r.getStatus() == null ? null : r.getStatus().phase) ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }

  private static boolean finished(Rollout r) {
    RolloutStatus s = r.getStatus();
    return s != null && Objects.equals(s.observedGeneration, r.getMetadata().getGeneration())
        && ("Healthy".equals(s.phase) || "Degraded".equals(s.phase));
  }

  private static String show(KubernetesClient client, Rollout r, String previous) {
    String text = render(client, r);
    if (!text.equals(previous)) System.out.print(text + (previous == null ? "" : "\n"));
    return text;
  }

  static String render(KubernetesClient client, Rollout r) {
    RolloutStatus s = r.getStatus() == null ? new RolloutStatus() : r.getStatus();
    StringBuilder out = new StringBuilder();
    out.append("Name:      ").append(r.getMetadata().getName()).append('\n');
    out.append("Namespace: ").append(r.getMetadata().getNamespace()).append('\n');
    out.append("Phase:     ").append(s.phase == null ? "(not reconciled yet)" : s.phase)
        .append(s.message == null || s.message.isEmpty() ? "" : " - " + s.message).append('\n');
    var blueGreen = r.getSpec().strategy == null ? null : r.getSpec().strategy.blueGreen;
    if (blueGreen != null) {
      renderBlueGreen(r, s, blueGreen, out);
    } else {
      renderCanary(r, s, out);
    }
    out.append("ReplicaSets:\n");
    List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(r.getMetadata().getNamespace()).list().getItems()
        .stream().filter(rs -> ownedBy(rs.getMetadata().getOwnerReferences(), r)).toList();
    for (ReplicaSet rs : sets) {
      String hash = rs.getMetadata().getLabels().getOrDefault(Rollout.POD_TEMPLATE_HASH_LABEL, "");
      String role = blueGreen != null ? blueGreenRole(hash, s) : hash.equals(s.stableRS) ? "stable"
          : hash.equals(s.currentPodHash) ? "canary" : "old";
      int available = rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
      out.append("  ").append(rs.getMetadata().getName()).append("  ").append(role).append("  ")
          .append(available).append('/').append(rs.getSpec().getReplicas()).append(" available\n");
    }
    // the current template's runs: step, background, pre- and post-promotion analyses
    List<AnalysisRun> runs = s.currentPodHash == null ? List.of()
        : client.resources(AnalysisRun.class).inNamespace(r.getMetadata().getNamespace()).list().getItems().stream()
            .filter(run -> ownedBy(run.getMetadata().getOwnerReferences(), r))
            .filter(run -> run.getMetadata().getName().startsWith(r.getMetadata().getName() + "-" + s.currentPodHash + "-"))
            .sorted(java.util.Comparator.comparing(run -> run.getMetadata().getName()))
            .toList();
    if (!runs.isEmpty()) {
      out.append("Analysis:\n");
      for (AnalysisRun run : runs) {
        String phase = run.getStatus() == null || run.getStatus().phase == null ? "Pending" : run.getStatus().phase;
        out.append("  ").append(run.getMetadata().getName()).append("  ").append(phase)
            .append(run.getStatus() == null || run.getStatus().message == null ? "" : " - " + run.getStatus().message)
            .append('\n');
      }
    }
    if (!s.history.isEmpty()) {
      out.append("Requests:\n");
      s.history.forEach(h -> out.append("  ").append(h.at).append("  ").append(h.action).append(" by ")
          .append(h.requestedBy).append(": ").append(h.result).append('\n'));
    }
    return out.toString();
  }

  private static void renderCanary(Rollout r, RolloutStatus s, StringBuilder out) {
    List<CanaryStep> steps = r.getSpec().strategy == null || r.getSpec().strategy.canary == null
        ? List.of() : r.getSpec().strategy.canary.steps;
    out.append("Step:      ").append(s.currentStepIndex == null ? 0 : s.currentStepIndex).append('/').append(steps.size())
        .append('\n');
    out.append("Weight:    ").append(s.canaryWeight == null ? "-" : s.canaryWeight + "%").append('\n');
    out.append("Stable:    ").append(s.stableRS == null ? "-" : s.stableRS).append('\n');
    out.append("Current:   ").append(s.currentPodHash == null ? "-" : s.currentPodHash).append('\n');
    out.append("Steps:\n");
    for (int i = 0; i < steps.size(); i++) {
      int current = s.currentStepIndex == null ? 0 : s.currentStepIndex;
      String mark = i < current ? "done" : i == current ? "now " : "    ";
      out.append("  ").append(mark).append(' ').append(i + 1).append(". ").append(describe(steps.get(i))).append('\n');
    }
  }

  /** Where the active and preview Services point, and where the promotion stands. */
  private static void renderBlueGreen(Rollout r, RolloutStatus s, BlueGreenStrategy bg, StringBuilder out) {
    String name = r.getMetadata().getName();
    var status = s.blueGreen;
    String active = status == null ? null : status.activeSelector;
    String preview = status == null ? null : status.previewSelector;
    out.append("Strategy:  blueGreen\n");
    out.append("Stable:    ").append(s.stableRS == null ? "-" : s.stableRS).append('\n');
    out.append("Current:   ").append(s.currentPodHash == null ? "-" : s.currentPodHash).append('\n');
    out.append("Active:    ").append(bg.activeService == null ? "-" : bg.activeService).append(" -> ")
        .append(active == null ? "-" : name + "-" + active).append('\n');
    if (bg.previewService != null) {
      out.append("Preview:   ").append(bg.previewService).append(" -> ").append(preview == null ? "-" : name + "-" + preview)
          .append('\n');
    }
    out.append("Promotion: ").append(promotion(s, bg)).append('\n');
  }

  private static String promotion(RolloutStatus s, BlueGreenStrategy bg) {
    if (s.currentPodHash == null || s.currentPodHash.equals(s.stableRS)) return "- (nothing to promote)";
    if (Boolean.TRUE.equals(s.abort)) return "aborted";
    var status = s.blueGreen;
    if (status != null && s.currentPodHash.equals(status.activeSelector)) {
      return "done: the active Service selects the new template"
          + (bg.postPromotionAnalysis != null ? "; post-promotion analysis decides" : "");
    }
    if (status != null && Boolean.TRUE.equals(status.scaleUpPreviewCheckPoint)) {
      return "granted: the preview scales to full, then the active Service switches";
    }
    var pause = s.pauseConditions.stream().filter(p -> "BlueGreenPause".equals(p.reason)).findFirst();
    if (pause.isPresent()) {
      if (bg.autoPromotionEnabled == null || bg.autoPromotionEnabled) {
        int seconds = bg.autoPromotionSeconds == null ? 0 : bg.autoPromotionSeconds;
        return "pending: automatic at " + Instant.parse(pause.get().startTime).plusSeconds(seconds);
      }
      return "pending: paused until promoted";
    }
    return "pending: waiting for the preview" + (bg.prePromotionAnalysis != null ? " and the pre-promotion analysis" : "");
  }

  private static String blueGreenRole(String hash, RolloutStatus s) {
    var status = s.blueGreen;
    if (status != null && hash.equals(status.activeSelector)) return "active";
    if (hash.equals(s.currentPodHash)) return "preview";
    return hash.equals(s.stableRS) ? "stable" : "old";
  }

  private static boolean ownedBy(List<io.fabric8.kubernetes.api.model.OwnerReference> owners, Rollout r) {
    return owners != null && owners.stream()
        .anyMatch(o -> Rollout.KIND.equals(o.getKind()) && r.getMetadata().getName().equals(o.getName()));
  }

  private static String describe(CanaryStep step) {
    if (step.setWeight != null) return "setWeight: " + step.setWeight;
    if (step.pause != null) {
      return step.pause.duration == null ? "pause (until promoted)" : "pause: " + (step.pause.duration.getIntVal() != null
          ? step.pause.duration.getIntVal() + "s" : step.pause.duration.getStrVal());
    }
    if (step.analysis != null) return "analysis";
    var scale = step.setCanaryScale;
    if (scale == null) return "unknown step";
    if (scale.replicas != null) return "setCanaryScale: " + scale.replicas + " replicas";
    if (scale.weight != null) return "setCanaryScale: " + scale.weight + "% of replicas";
    return "setCanaryScale: matchTrafficWeight";
  }
}
