package dev.keelson.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.Annotations;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecOrRequestChangedTest {
  private final SpecOrRequestChanged filter = new SpecOrRequestChanged();

  private static Application app(long generation, Map<String, String> annotations, String syncStatus) {
    Application a = new Application();
    a.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("ns").withGeneration(generation)
        .withAnnotations(annotations).build());
    ApplicationStatus s = new ApplicationStatus();
    s.sync = new ApplicationStatus.SyncStatus();
    s.sync.status = syncStatus;
    a.setStatus(s);
    return a;
  }

  @Test
  @DisplayName("a new refresh request reconciles, as the other requests do; the controller's own status writes do not")
  void refreshReconciles() {
    Application before = app(1, Map.of(), "Synced");
    assertThat(filter.accept(app(1, Map.of(Annotations.REFRESH_REQUESTED_AT, "t1"), "Synced"), before)).isTrue();
    assertThat(filter.accept(app(1, Map.of(Annotations.REFRESH_REQUESTED_AT, "t2"),
        "Synced"), app(1, Map.of(Annotations.REFRESH_REQUESTED_AT, "t1"), "Synced"))).isTrue();
    assertThat(filter.accept(app(1, Map.of(), "OutOfSync"), before)).isFalse();
    assertThat(filter.accept(app(2, Map.of(), "Synced"), before)).isTrue();
  }
}
