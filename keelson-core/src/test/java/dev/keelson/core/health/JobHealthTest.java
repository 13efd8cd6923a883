package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobHealthTest {

  private static Health job(String spec, String status) {
    return Live.assess(
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: shop}
        spec:
          backoffLimit: 2
        %s
        status:
        %s
        """
            .formatted(
                spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat),
                status.lines().map(l -> "  " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void completeIsHealthy() {
    Health h =
        job(
            "",
            """
            succeeded: 1
            conditions:
              - {type: SuccessCriteriaMet, status: "True"}
              - {type: Complete, status: "True", lastTransitionTime: "2024-05-01T10:00:00Z"}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void failedIsDegradedWithMessage() {
    Health h =
        job(
            "",
            """
            failed: 3
            conditions:
              - type: FailureTarget
                status: "True"
                reason: BackoffLimitExceeded
                message: Job has reached the specified backoff limit
              - type: Failed
                status: "True"
                reason: BackoffLimitExceeded
                message: Job has reached the specified backoff limit
            """);
    assertThat(h).isEqualTo(Health.degraded("Job has reached the specified backoff limit"));
  }

  @Test
  void suspendedIsSuspended() {
    Health withCondition =
        job(
            "suspend: true",
            """
            conditions:
              - {type: Suspended, status: "True", reason: JobSuspended, message: Job suspended}
            """);
    assertThat(withCondition).isEqualTo(Health.suspended("Job suspended"));
    assertThat(job("suspend: true", "active: 0").status()).isEqualTo(HealthStatus.Suspended);
  }

  @Test
  void runningIsProgressing() {
    assertThat(job("", "active: 1\nstartTime: \"2024-05-01T10:00:00Z\"").status())
        .isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void resumedJobWithFalseSuspendedConditionIsProgressing() {
    Health h =
        job("suspend: false", "active: 1\nconditions:\n  - {type: Suspended, status: \"False\", reason: JobResumed}");
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }
}
