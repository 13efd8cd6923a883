package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.cli.SyncRequestOutcome.Outcome;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyncRequestOutcomeTest {
  static final String TOKEN = "2026-11-26T10:00:00.123456Z";

  @Test
  @DisplayName("not finished until the token is echoed, nor while this request's operation runs")
  void finished() {
    ApplicationStatus s = new ApplicationStatus();
    assertThat(SyncRequestOutcome.finished(s, TOKEN)).isFalse();
    s.lastHandledSyncRequest = TOKEN;
    s.operationState = operation(TOKEN, "Running");
    assertThat(SyncRequestOutcome.finished(s, TOKEN)).isFalse();
    s.operationState.phase = "Succeeded";
    assertThat(SyncRequestOutcome.finished(s, TOKEN)).isTrue();
    s.operationState = operation("older", "Running");
    assertThat(SyncRequestOutcome.finished(s, TOKEN)).as("another operation runs: this request started none").isTrue();
  }

  @Test
  @DisplayName("the operation started for the token decides; another operation means the request was refused")
  void outcome() {
    ApplicationStatus s = new ApplicationStatus();
    s.lastHandledSyncRequest = TOKEN;
    s.operationState = operation(TOKEN, "Succeeded");
    assertThat(SyncRequestOutcome.of(s, TOKEN).outcome()).isEqualTo(Outcome.SUCCEEDED);
    s.operationState.phase = "Terminated";
    assertThat(SyncRequestOutcome.of(s, TOKEN).outcome()).isEqualTo(Outcome.FAILED);
    s.operationState = operation("older", "Succeeded");
    s.conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("False").withMessage("suspended").build());
    assertThat(SyncRequestOutcome.of(s, TOKEN)).isEqualTo(new SyncRequestOutcome(Outcome.REFUSED, "suspended"));
  }

  @Test
  @DisplayName("a handled request without an operation state started nothing: refused")
  void withoutOperationState() {
    ApplicationStatus s = new ApplicationStatus();
    s.lastHandledSyncRequest = TOKEN;
    assertThat(SyncRequestOutcome.of(s, TOKEN).outcome()).isEqualTo(Outcome.REFUSED);
  }

  static OperationState operation(String id, String phase) {
    OperationState op = new OperationState();
    op.id = id;
    op.phase = phase;
    return op;
  }
}
