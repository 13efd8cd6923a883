package dev.keelson.controller.promotion;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunArgument;
import dev.keelson.automation.promotion.AnalysisPhase;
import dev.keelson.automation.promotion.Freight;
import dev.keelson.automation.promotion.StageAnalysis;
import dev.keelson.rollouts.analysis.AnalysisRunSpecs;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AnalysisRuns of a pipeline's stages: one per stage and candidate, named
 * {@code <pipeline>-<stage>-<candidate hash>}, made from the stage's templates by keelson-rollouts'
 * {@link AnalysisRunSpecs} (so templates and {@code {{args.name}}} read as for a Rollout), owned by
 * the pipeline and labelled with pipeline, stage and candidate. The rollouts controller's
 * AnalysisRunReconciler measures them; a new candidate's run replaces the stage's older ones.
 */
final class StageAnalyses {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final KubernetesClient client;
  private final AnalysisRunSpecs specs;

  StageAnalyses(KubernetesClient client) {
    this.client = client;
    this.specs = new AnalysisRunSpecs(client);
  }

  /** The run of this candidate at this stage as it is now, or {@link StageAnalysis#NONE}. */
  StageAnalysis observe(PromotionPipeline p, PipelineSettings.Stage stage, Freight candidate) {
    if (candidate == null || stage.analysis().isEmpty()) return StageAnalysis.NONE;
    String name = name(p, stage, candidate);
    AnalysisRun run = client.resources(AnalysisRun.class).inNamespace(p.getMetadata().getNamespace()).withName(name).get();
    if (run == null) return StageAnalysis.NONE;
    var st = run.getStatus();
    return new StageAnalysis(name, AnalysisPhase.parse(st == null ? null : st.phase),
        st == null || st.message == null || st.message.isBlank() ? null : st.message);
  }

  /**
   * Creates the candidate's run unless it exists, and deletes the stage's runs of other candidates.
   *
   * @throws IllegalArgumentException a template missing, an argument without a value
   */
  void ensure(PromotionPipeline p, PipelineSettings.Stage stage, Freight candidate) {
    PipelineSettings.Analysis analysis = stage.analysis().orElseThrow();
    String ns = p.getMetadata().getNamespace();
    String name = name(p, stage, candidate);
    if (client.resources(AnalysisRun.class).inNamespace(ns).withName(name).get() == null) {
      AnalysisRun run = new AnalysisRun();
      run.getMetadata().setName(name);
      run.getMetadata().setNamespace(ns);
      run.getMetadata().setLabels(Map.of(PromotionPipeline.PIPELINE_LABEL, label(p.getMetadata().getName()),
          PromotionPipeline.STAGE_LABEL, label(stage.name()), PromotionPipeline.CANDIDATE_LABEL, candidate(candidate)));
      run.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
          .withApiVersion(p.getApiVersion()).withKind(p.getKind()).withName(p.getMetadata().getName())
          .withUid(p.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build()));
      run.setSpec(specs.resolve(ns, analysis.templates(), args(p, stage, candidate, analysis.args())));
      try {
        client.resource(run).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw e;
      }
    }
    deleteOthers(p, stage, Optional.of(candidate));
  }

  /** Deletes the stage's runs but the one of {@code keep} (all of them when empty). */
  void deleteOthers(PromotionPipeline p, PipelineSettings.Stage stage, Optional<Freight> keep) {
    String keepHash = keep.map(StageAnalyses::candidate).orElse(null);
    for (AnalysisRun r : client.resources(AnalysisRun.class).inNamespace(p.getMetadata().getNamespace())
        .withLabel(PromotionPipeline.PIPELINE_LABEL, label(p.getMetadata().getName()))
        .withLabel(PromotionPipeline.STAGE_LABEL, label(stage.name())).list().getItems()) {
      boolean ours = r.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(p.getMetadata().getUid()));
      if (!ours || (keepHash != null && keepHash.equals(r.getMetadata().getLabels().get(PromotionPipeline.CANDIDATE_LABEL)))) {
        continue;
      }
      client.resource(r).delete();
    }
  }

  static String name(PromotionPipeline p, PipelineSettings.Stage stage, Freight candidate) {
    String prefix = dns(p.getMetadata().getName() + "-" + stage.name());
    if (prefix.length() > 200) prefix = prefix.substring(0, 200);
    return prefix + "-" + candidate(candidate);
  }

  /** A short, stable hash of the candidate: a label value and a name's suffix. */
  static String candidate(Freight f) {
    return hash(f.key()).substring(0, 10);
  }

  /**
   * The stage's arguments with the pipeline's placeholders in their values replaced: {@code {{stage}}},
   * {@code {{pipeline}}}, {@code {{candidate.revision}}}, {@code {{candidate.images.REPOSITORY}}},
   * {@code {{candidate.values.FILE:PATH}}}; others ({@code {{args.x}}}) are left to the templates.
   */
  static List<AnalysisRunArgument> args(PromotionPipeline p, PipelineSettings.Stage stage, Freight candidate,
      List<AnalysisRunArgument> given) {
    List<AnalysisRunArgument> out = new ArrayList<>();
    for (AnalysisRunArgument a : given) {
      AnalysisRunArgument r = new AnalysisRunArgument();
      r.name = a.name;
      r.value = a.value == null ? null : resolve(a.value, p.getMetadata().getName(), stage.name(), candidate,
          "argument " + a.name);
      out.add(r);
    }
    return out;
  }

  static String resolve(String value, String pipeline, String stage, Freight candidate, String what) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String v;
      if (key.equals("stage")) {
        v = stage;
      } else if (key.equals("pipeline")) {
        v = pipeline;
      } else if (key.equals("candidate.revision")) {
        v = candidate.revision();
      } else if (key.startsWith("candidate.images.")) {
        v = candidate.images().get(key.substring("candidate.images.".length()));
      } else if (key.startsWith("candidate.values.")) {
        v = candidate.values().get(key.substring("candidate.values.".length()));
      } else {
        m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
        continue;
      }
      if (v == null) throw new IllegalArgumentException(what + ": the candidate has no " + key.substring(10));
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String label(String value) {
    return LABEL_VALUE.matcher(value).matches() ? value : dns(value).substring(0, Math.min(52, dns(value).length()))
        + "-" + hash(value).substring(0, 10);
  }

  private static String dns(String s) {
    String d = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return d.isEmpty() ? "x" : d;
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
