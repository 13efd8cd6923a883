package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.rollouts.v1alpha1.RolloutAnalysis;
import dev.keelson.rollouts.analysis.AnalysisRunSpecs;
import dev.keelson.rollouts.canary.AnalysisVerdict;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AnalysisRuns of a Rollout's analysis steps and blue-green promotions: one per template hash
 * and step, named {@code <rollout>-<hash>-<step>} ({@code -pre}, {@code -post} for blue-green), made from the referenced templates with the arguments
 * resolved ({@code {{args.name}}}, as Argo Rollouts), owned by the Rollout.
 */
final class AnalysisRuns {
  private final KubernetesClient client;
  private final AnalysisRunSpecs specs;

  AnalysisRuns(KubernetesClient client) {
    this.client = client;
    this.specs = new AnalysisRunSpecs(client);
  }

  /** The suffix of a canary step's run: its number, from 1. */
  static String step(int stepIndex) {
    return String.valueOf(stepIndex + 1);
  }

  /** @param suffix a step's number, or {@code pre}/{@code post} for a blue-green promotion's analyses */
  static String name(Rollout rollout, String hash, String suffix) {
    return rollout.getMetadata().getName() + "-" + hash + "-" + suffix;
  }

  Optional<AnalysisRun> get(Rollout rollout, String hash, String suffix) {
    return Optional.ofNullable(client.resources(AnalysisRun.class).inNamespace(rollout.getMetadata().getNamespace())
        .withName(name(rollout, hash, suffix)).get());
  }

  static AnalysisVerdict verdict(Optional<AnalysisRun> run) {
    String phase = run.map(r -> r.getStatus() == null ? null : r.getStatus().phase).orElse(null);
    if (phase == null) return AnalysisVerdict.RUNNING;
    return switch (phase) {
      case "Successful" -> AnalysisVerdict.SUCCESSFUL;
      case "Failed", "Error" -> AnalysisVerdict.FAILED;
      case "Inconclusive" -> AnalysisVerdict.INCONCLUSIVE;
      default -> AnalysisVerdict.RUNNING;
    };
  }

  /** Creates the step's run unless it exists; a template that is missing is an IllegalArgumentException. */
  void ensure(Rollout rollout, String hash, String suffix, RolloutAnalysis analysis) {
    String ns = rollout.getMetadata().getNamespace();
    if (get(rollout, hash, suffix).isPresent()) return;
    AnalysisRun run = new AnalysisRun();
    run.getMetadata().setName(name(rollout, hash, suffix));
    run.getMetadata().setNamespace(ns);
    run.getMetadata().setLabels(Map.of(Rollout.POD_TEMPLATE_HASH_LABEL, hash));
    run.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(Rollout.API_VERSION).withKind(Rollout.KIND).withName(rollout.getMetadata().getName())
        .withUid(rollout.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build()));
    run.setSpec(specs.resolve(ns, analysis.templates, analysis.args));
    try {
      client.resource(run).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
  }

  /** Stops a run that is still measuring (a background analysis once the canary is stable or aborted). */
  void terminate(AnalysisRun run) {
    if (Boolean.TRUE.equals(run.getSpec().terminate) || (run.getStatus() != null && run.getStatus().phase != null
        && !run.getStatus().phase.equals("Running") && !run.getStatus().phase.equals("Pending"))) {
      return;
    }
    client.resources(AnalysisRun.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(ReplicaSets.FIELD_MANAGER)
            .build(), "{\"spec\":{\"terminate\":true}}");
  }

  /** A retry measures again: the runs of this template are deleted. */
  void deleteFor(Rollout rollout, String hash) {
    client.resources(AnalysisRun.class).inNamespace(rollout.getMetadata().getNamespace())
        .withLabel(Rollout.POD_TEMPLATE_HASH_LABEL, hash).delete();
  }
}
