package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodHealthTest {

  private static Health pod(String restartPolicy, String status) {
    return Live.assess(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-abc, namespace: shop}
        spec:
          restartPolicy: %s
          containers: [{name: web, image: nginx}]
        status:
        %s
        """
            .formatted(restartPolicy, status.lines().map(l -> "  " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void runningAndReadyIsHealthy() {
    Health h =
        pod(
            "Always",
            """
            phase: Running
            conditions:
              - {type: Initialized, status: "True"}
              - {type: Ready, status: "True"}
              - {type: ContainersReady, status: "True"}
              - {type: PodScheduled, status: "True"}
            containerStatuses:
              - name: web
                ready: true
                restartCount: 0
                state: {running: {startedAt: "2024-05-01T10:00:00Z"}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void runningButNotReadyIsProgressing() {
    Health h =
        pod(
            "Always",
            """
            phase: Running
            conditions:
              - {type: Ready, status: "False", reason: ContainersNotReady}
            containerStatuses:
              - name: web
                ready: false
                state: {running: {startedAt: "2024-05-01T10:00:00Z"}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void runningNotReadyAfterACrashIsDegraded() {
    Health h =
        pod(
            "Always",
            """
            phase: Running
            conditions:
              - {type: Ready, status: "False"}
            containerStatuses:
              - name: web
                ready: false
                restartCount: 2
                state: {running: {startedAt: "2024-05-01T10:05:00Z"}}
                lastState: {terminated: {exitCode: 1, reason: Error}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "CreateContainerConfigError",
        "InvalidImageName"
      })
  void stuckContainersAreDegraded(String reason) {
    Health h =
        pod(
            "Always",
            """
            phase: Pending
            containerStatuses:
              - name: web
                ready: false
                state:
                  waiting:
                    reason: %s
                    message: something is wrong
            """
                .formatted(reason));
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(h.message()).isEqualTo("container \"web\": " + reason + " (something is wrong)");
  }

  @Test
  void stuckInitContainerIsDegraded() {
    Health h =
        pod(
            "Always",
            """
            phase: Pending
            initContainerStatuses:
              - name: migrate
                state: {waiting: {reason: CrashLoopBackOff}}
            """);
    assertThat(h).isEqualTo(Health.degraded("container \"migrate\": CrashLoopBackOff"));
  }

  @Test
  void containerCreatingIsProgressing() {
    Health h =
        pod(
            "Always",
            """
            phase: Pending
            containerStatuses:
              - name: web
                state: {waiting: {reason: ContainerCreating}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void imagePullBackOffOfRunToCompletionPodIsOnlyProgressing() {
    Health h =
        pod(
            "Never",
            """
            phase: Pending
            containerStatuses:
              - name: web
                state: {waiting: {reason: ImagePullBackOff}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void succeededIsHealthy() {
    assertThat(pod("OnFailure", "phase: Succeeded").status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void runningRunToCompletionPodIsProgressing() {
    Health h =
        pod(
            "OnFailure",
            """
            phase: Running
            conditions: [{type: Ready, status: "True"}]
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void failedUsesPodMessageOrContainerExit() {
    Health evicted =
        pod(
            "Always",
            """
            phase: Failed
            reason: Evicted
            message: "The node was low on resource: memory."
            """);
    assertThat(evicted).isEqualTo(Health.degraded("The node was low on resource: memory."));

    Health exited =
        pod(
            "Never",
            """
            phase: Failed
            containerStatuses:
              - name: job
                state: {terminated: {exitCode: 3, reason: Error}}
            """);
    assertThat(exited).isEqualTo(Health.degraded("container \"job\" failed with exit code 3"));

    Health oom =
        pod(
            "Never",
            """
            phase: Failed
            containerStatuses:
              - name: job
                state: {terminated: {exitCode: 137, reason: OOMKilled}}
            """);
    assertThat(oom.message()).contains("OOMKilled");
  }

  @Test
  void restartPolicyDefaultsToAlways() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            status:
              phase: Running
              conditions: [{type: Ready, status: "True"}]
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void unknownPhaseIsUnknown() {
    assertThat(pod("Always", "phase: Unknown").status()).isEqualTo(HealthStatus.Unknown);
  }
}
