package dev.keelson.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.engine.Request;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
  private static Application app(Map<String, String> annotations) {
    Application a = new Application();
    a.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("team").withAnnotations(annotations).build());
    return a;
  }

  @Test
  @DisplayName("a sync request with options is read until its token is echoed in status")
  void syncRequest() {
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(Annotations.SYNC_REQUESTED_AT, "t1");
    ann.put(Annotations.SYNC_REQUESTED_BY, "alice");
    ann.put(Annotations.SYNC_REQUEST_OPTIONS, "prune,dry-run,resource=apps:Deployment:web,resource=:ConfigMap:cfg");

    Request r = RequestReader.read(app(ann), null);
    assertThat(r.sync().token()).isEqualTo("t1");
    assertThat(r.sync().by()).isEqualTo("alice");
    assertThat(r.sync().prune()).isTrue();
    assertThat(r.sync().dryRun()).isTrue();
    assertThat(r.sync().resources()).containsExactly("apps:Deployment:web", ":ConfigMap:cfg");

    ApplicationStatus handled = new ApplicationStatus();
    handled.lastHandledSyncRequest = "t1";
    assertThat(RequestReader.read(app(ann), handled).sync()).isNull();
  }

  @Test
  @DisplayName("a refresh request is read until its token is echoed in status")
  void refreshRequest() {
    Map<String, String> ann = Map.of(Annotations.REFRESH_REQUESTED_AT, "r1");
    assertThat(RequestReader.read(app(ann), null).refresh()).isEqualTo("r1");
    ApplicationStatus handled = new ApplicationStatus();
    handled.lastHandledRefresh = "r1";
    assertThat(RequestReader.read(app(ann), handled).refresh()).isNull();
  }

  @Test
  @DisplayName("JSON requests are read once; a value that is not a request is ignored")
  void operatorRequests() {
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(Annotations.APPROVE, new OperatorRequest("bob", "t2", "abc", null).toJson());
    ann.put(Annotations.TERMINATE, "yes please");
    ApplicationStatus s = new ApplicationStatus();

    Request r = RequestReader.read(app(ann), s);
    assertThat(r.approve().revision()).isEqualTo("abc");
    assertThat(r.terminate()).isNull();

    s.lastHandledApproval = "t2";
    assertThat(RequestReader.read(app(ann), s).approve()).isNull();
  }

  @Test
  @DisplayName("the rollback annotation pins while present; an old clear left behind does not unpin a newer rollback")
  void rollbackAndClear() {
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(Annotations.ROLLBACK_CLEARED, OperatorRequest.of("carol", "t3").toJson());
    ann.put(Annotations.ROLLBACK, new OperatorRequest("dave", "t4", null, 2L).toJson());
    ApplicationStatus s = new ApplicationStatus();
    s.lastHandledRollback = "t3";

    Request r = RequestReader.read(app(ann), s);
    assertThat(r.rollback().historyId()).isEqualTo(2L);
    assertThat(r.pinnedBy()).isNotNull();
    assertThat(r.rollbackCleared()).isNull();

    s.lastHandledRollback = "t4";
    Request later = RequestReader.read(app(ann), s);
    assertThat(later.rollback()).isNull();
    assertThat(later.rollbackCleared()).isNull();
    assertThat(later.pinnedBy().by()).isEqualTo("dave");

    ann.remove(Annotations.ROLLBACK);
    ann.put(Annotations.ROLLBACK_CLEARED, OperatorRequest.of("erin", "t5").toJson());
    Request cleared = RequestReader.read(app(ann), s);
    assertThat(cleared.rollbackCleared().by()).isEqualTo("erin");
    assertThat(cleared.pinnedBy()).isNull();
  }
}
