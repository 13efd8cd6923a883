package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.localcluster.NodeSimulator;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary's analysis step with the job provider: the Job runs on the node simulator, which
 * completes Job pods with the exit code their annotation asks for.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutJobAnalysisTest extends RolloutTestBase {

  private void setUp(int exitCode) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: smoke}
        spec:
          args: [{name: exit-code}]
          metrics:
          - name: smoke-test
            provider:
              job:
                metadata: {labels: {purpose: smoke}}
                spec:
                  backoffLimit: 0
                  template:
                    metadata:
                      annotations: {"%s": "{{args.exit-code}}"}
                    spec:
                      restartPolicy: Never
                      containers: [{name: smoke, image: example.com/smoke:1, command: [/smoke]}]
        """.formatted(NodeSimulator.SIMULATE_EXIT_CODE), AnalysisTemplate.class)).inNamespace(ns).create();
    service("web-stable", Map.of("app", "web"));
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, annotations: {}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              stableService: web-stable
              scaleDownDelaySeconds: 1
              steps:
              - setWeight: 50
              - analysis:
                  templates: [{templateName: smoke}]
                  args: [{name: exit-code, value: "%d"}]
        """.formatted(exitCode));
  }

  @Test
  void aCompletedJobPassesTheStep() {
    setUp(0);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    var done = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().currentPodHash.equals(r.getStatus().stableRS) && r.getStatus().currentStepIndex == 2);
    String runName = "web-" + done.getStatus().currentPodHash + "-2";
    AnalysisRun run = client.resources(AnalysisRun.class).inNamespace(ns).withName(runName).get();
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults.get(0).measurements).singleElement()
        .satisfies(m -> assertThat(m.message).contains("completed"));
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(runName + "-smoke-test-1").get();
    assertThat(job.getMetadata().getLabels()).containsEntry("purpose", "smoke");
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo(runName));
  }

  @Test
  void aFailedJobAbortsTheCanary() {
    setUp(3);
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    setVersion("web", "2");
    var aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(aborted.getStatus().message).contains("smoke-test").contains("failed");
    assertThat(aborted.getStatus().stableRS).isEqualTo(v1);
    awaitReplicas("web", aborted.getStatus().currentPodHash, 0);
  }
}
