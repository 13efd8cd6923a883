package dev.keelson.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.ResourceKey;
import org.junit.jupiter.api.Test;

/** What status keeps of an action (code and message) is enough to tell the action again. */
class ApplyActionTest {
  private static final ResourceKey KEY = new ResourceKey("", "ConfigMap", "team", "config");

  @Test
  void everyActionSurvivesTheWayThroughStatus() {
    for (ApplyAction.Action action : ApplyAction.Action.values()) {
      ApplyAction a = new ApplyAction(KEY, action, action == ApplyAction.Action.Unchanged ? "" : "why");
      assertThat(ApplyAction.Action.of(a.action().code(), a.recordedMessage())).as(action.name()).isEqualTo(action);
    }
  }

  @Test
  void writtenObjectsAreRecordedAsSyncedWithWhatWasDone() {
    ApplyAction created = new ApplyAction(KEY, ApplyAction.Action.Created, "");

    assertThat(created.action().code().name()).isEqualTo("Synced");
    assertThat(created.recordedMessage()).isEqualTo("created");
  }
}
