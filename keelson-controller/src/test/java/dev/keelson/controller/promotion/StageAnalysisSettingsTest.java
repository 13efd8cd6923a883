package dev.keelson.controller.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.automation.promotion.Freight;
import dev.keelson.automation.promotion.Verification;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stage's analysis read from the spec, and its run's name and arguments. */
class StageAnalysisSettingsTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static PromotionPipeline pipeline(String analysis) {
    return JSON.unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: PromotionPipeline
        metadata: {name: web, namespace: team}
        spec:
          promote: {images: [{name: ghcr.io/org/web}], revision: true}
          stages:
          - name: staging
            application: {name: staging}
        %s
          - {name: prod, application: {name: prod}}
        """.formatted(analysis.indent(4)), PromotionPipeline.class);
  }

  @Test
  void templatesAndArgsAreReadInOrderAndTheStageIsVerifiedByAnalysis() {
    PipelineSettings s = PipelineSettings.of(pipeline("""
        analysis:
          templates: [{templateName: smoke}, {templateName: error-rate, clusterScope: true}]
          args: [{name: tag, value: "{{candidate.images.ghcr.io/org/web}}"}]
        """));
    PipelineSettings.Stage staging = s.stages().get(0);
    assertThat(staging.spec().verification()).isEqualTo(Verification.SOAK_AND_ANALYSIS);
    assertThat(s.stages().get(1).spec().verification()).isEqualTo(Verification.SOAK);
    assertThat(staging.analysis().orElseThrow().templates()).extracting(t -> t.templateName + "/" + t.clusterScope)
        .containsExactly("smoke/null", "error-rate/true");
    assertThat(s.analysed()).isTrue();
  }

  @Test
  void badAnalysisIsNamedByField() {
    assertThatThrownBy(() -> PipelineSettings.of(pipeline("analysis: {templates: []}")))
        .hasMessage("spec.stages[0].analysis.templates: name at least one AnalysisTemplate");
    assertThatThrownBy(() -> PipelineSettings.of(pipeline("analysis: {templates: [{clusterScope: true}]}")))
        .hasMessage("spec.stages[0].analysis.templates[0].templateName is required");
    assertThatThrownBy(() -> PipelineSettings.of(pipeline(
        "analysis: {templates: [{templateName: smoke}], args: [{name: tag, value: a}, {name: tag, value: b}]}")))
        .hasMessage("spec.stages[0].analysis.args[1].name: tag is given twice");
  }

  @Test
  void argumentsResolveThePipelinesPlaceholdersAndLeaveTheTemplatesOnes() {
    Freight f = Freight.of("0123456789012345678901234567890123456789", Map.of("ghcr.io/org/web", "1.2.0"),
        Map.of("values.yaml:image.tag", "1.2.0"));
    assertThat(StageAnalyses.resolve("{{pipeline}}/{{ stage }}: {{candidate.images.ghcr.io/org/web}} at "
        + "{{candidate.revision}}, {{candidate.values.values.yaml:image.tag}}, {{args.other}}", "web", "staging", f, "argument x"))
        .isEqualTo("web/staging: 1.2.0 at 0123456789012345678901234567890123456789, 1.2.0, {{args.other}}");
    assertThatThrownBy(() -> StageAnalyses.resolve("{{candidate.images.ghcr.io/org/api}}", "web", "staging", f,
        "argument tag")).hasMessage("argument tag: the candidate has no images.ghcr.io/org/api");
  }

  @Test
  void aRunIsNamedByPipelineStageAndCandidate() {
    PipelineSettings s = PipelineSettings.of(pipeline("analysis: {templates: [{templateName: smoke}]}"));
    PromotionPipeline p = pipeline("analysis: {templates: [{templateName: smoke}]}");
    Freight one = Freight.of(null, Map.of("ghcr.io/org/web", "1.1.0"), null);
    Freight two = Freight.of(null, Map.of("ghcr.io/org/web", "1.2.0"), null);
    String a = StageAnalyses.name(p, s.stages().get(0), one);
    assertThat(a).matches("web-staging-[0-9a-f]{10}").isEqualTo(StageAnalyses.name(p, s.stages().get(0), one))
        .isNotEqualTo(StageAnalyses.name(p, s.stages().get(0), two));
  }
}
