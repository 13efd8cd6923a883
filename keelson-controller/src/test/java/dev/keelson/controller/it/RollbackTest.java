package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RollbackTest extends ControllerTestBase {

  static boolean succeededAt(Application a, String sha) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Succeeded".equals(op.phase) && sha.equals(op.revision);
  }

  String liveValue() {
    var cm = client.configMaps().inNamespace(ns).withName("settings").get();
    return cm == null || cm.getData() == null ? null : cm.getData().get("value");
  }

  void annotate(String name, Consumer<Map<String, String>> change) {
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName(name), a -> {
      Map<String, String> annotations = a.getMetadata().getAnnotations() == null
          ? new HashMap<>() : new HashMap<>(a.getMetadata().getAnnotations());
      change.accept(annotations);
      a.getMetadata().setAnnotations(annotations);
      return a;
    });
  }

  @Test
  @DisplayName("a rollback pins the app to an earlier revision, new commits wait while pinned, and clearing the pin moves on to the latest")
  void rollbackPinsAndClearMovesOn() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "1"));
    String v1 = repo.commit("v1");
    createApp(Manifests.application("pinned", ns, repo.url(), ".", true, true, false, "2s"));
    Application app = awaitApp("pinned", a -> syncedAt(a, v1) && succeededAt(a, v1));
    assertThat(liveValue()).isEqualTo("1");

    repo.write("cm.yaml", Manifests.configMap("settings", "2"));
    String v2 = repo.commit("v2");
    app = awaitApp("pinned", a -> syncedAt(a, v2) && succeededAt(a, v2));
    assertThat(liveValue()).isEqualTo("2");

    HistoryEntry v1Entry = app.getStatus().history.stream()
        .filter(h -> "Sync".equals(h.action) && v1.equals(h.revision))
        .findFirst().orElseThrow(() -> new AssertionError("no Sync entry for v1 in history"));
    long historyId = v1Entry.id;

    // keelson app rollback pinned <id>
    String rollbackAt = Instant.now().toString();
    annotate("pinned", a -> a.put(Annotations.ROLLBACK,
        new OperatorRequest("bob", rollbackAt, null, historyId).toJson()));
    app = awaitApp("pinned", a -> a.getStatus() != null && a.getStatus().pinned != null
        && rollbackAt.equals(a.getStatus().lastHandledRollback) && succeededAt(a, v1) && "1".equals(liveValue()));
    assertThat(app.getStatus().pinned.historyId).isEqualTo(historyId);
    assertThat(app.getStatus().pinned.revision).isEqualTo(v1);
    assertThat(app.getStatus().pinned.by).isEqualTo("bob");
    assertThat(app.getStatus().operationState.trigger).isEqualTo("rollback");
    assertThat(app.getStatus().history).anySatisfy(h -> {
      assertThat(h.action).isEqualTo("Rollback");
      assertThat(h.initiatedBy).isEqualTo("bob");
      assertThat(h.revision).isEqualTo(v1);
      assertThat(h.result).isEqualTo("Succeeded");
    });

    // a new commit is not deployed while pinned; a sync request (which fetches) proves the
    // controller has looked since the commit, and it syncs the pinned revision
    repo.write("cm.yaml", Manifests.configMap("settings", "3"));
    String v3 = repo.commit("v3");
    String syncToken = Instant.now().toString();
    annotate("pinned", a -> {
      a.put(Annotations.SYNC_REQUESTED_AT, syncToken);
      a.put(Annotations.SYNC_REQUESTED_BY, "alice");
    });
    app = awaitApp("pinned", a -> syncToken.equals(a.getStatus().lastHandledSyncRequest)
        && a.getStatus().operationState != null && syncToken.equals(a.getStatus().operationState.id)
        && !"Running".equals(a.getStatus().operationState.phase));
    assertThat(app.getStatus().operationState.revision).isEqualTo(v1);
    assertThat(app.getStatus().sync.revision).isEqualTo(v1);
    assertThat(app.getStatus().pinned).isNotNull();
    assertThat(liveValue()).isEqualTo("1");

    // keelson app rollback pinned --clear
    String clearedAt = Instant.now().toString();
    annotate("pinned", a -> {
      a.remove(Annotations.ROLLBACK);
      a.put(Annotations.ROLLBACK_CLEARED, OperatorRequest.of("bob", clearedAt).toJson());
    });
    app = awaitApp("pinned", a -> syncedAt(a, v3) && succeededAt(a, v3) && "3".equals(liveValue()));
    assertThat(app.getStatus().pinned).isNull();
    assertThat(app.getStatus().lastHandledRollback).isEqualTo(clearedAt);
    assertThat(app.getStatus().history).anySatisfy(h -> {
      assertThat(h.action).isEqualTo("Unpin");
      assertThat(h.initiatedBy).isEqualTo("bob");
      assertThat(h.revision).isEqualTo(v1);
    });
  }
}
