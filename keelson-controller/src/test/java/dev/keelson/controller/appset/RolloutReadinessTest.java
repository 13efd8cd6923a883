package dev.keelson.controller.appset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.core.appset.GeneratorException;
import dev.keelson.core.appset.RollingSync.Readiness;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class RolloutReadinessTest {
  private static final RolloutReadiness.Revisions AT_NEW = (url, rev) -> "new";

  private static Application app(long generation, Long observed, String sync, String revision, String health) {
    Application a = new Application();
    a.setMetadata(new ObjectMetaBuilder().withName("web").withGeneration(generation).build());
    a.setSpec(new ApplicationSpec());
    a.getSpec().source = new Source();
    a.getSpec().source.repoURL = "file:///repo";
    a.getSpec().source.revision = "main";
    ApplicationStatus s = new ApplicationStatus();
    s.observedGeneration = observed;
    s.sync = new ApplicationStatus.SyncStatus();
    s.sync.status = sync;
    s.sync.revision = revision;
    s.health = new ApplicationStatus.HealthStatusView();
    s.health.status = health;
    a.setStatus(s);
    return a;
  }

  private static String why(Readiness r) {
    return r instanceof Readiness.NotReady n ? n.why() : "ready";
  }

  @Test
  void onlyAFreshSyncedHealthyStatusAtTheCurrentRevisionCounts() {
    assertThat(RolloutReadiness.of(app(2, 2L, "Synced", "new", "Healthy"), AT_NEW)).isInstanceOf(Readiness.Ready.class);
    assertThat(why(RolloutReadiness.of(app(3, 2L, "Synced", "new", "Healthy"), AT_NEW)))
        .isEqualTo("status is of generation 2, the app is at 3");
    assertThat(why(RolloutReadiness.of(app(2, 2L, "Synced", "old", "Healthy"), AT_NEW)))
        .isEqualTo("synced to old, the current revision is new");
    assertThat(why(RolloutReadiness.of(app(2, 2L, "OutOfSync", "new", "Healthy"), AT_NEW))).isEqualTo("OutOfSync");
    assertThat(why(RolloutReadiness.of(app(2, 2L, "Synced", "new", "Progressing"), AT_NEW))).isEqualTo("health Progressing");
    RolloutReadiness.Revisions outage = (url, rev) -> {
      throw new GeneratorException("unreachable");
    };
    assertThat(why(RolloutReadiness.of(app(2, 2L, "Synced", "new", "Healthy"), outage)))
        .contains("cannot resolve the current revision");
  }
}
