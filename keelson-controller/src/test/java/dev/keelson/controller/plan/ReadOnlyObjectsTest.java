package dev.keelson.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.controller.fake.FakeCluster;
import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadOnlyObjectsTest {
  static final ResourceKey KEY = new ResourceKey("", "ConfigMap", "shop", "web");

  static Map<String, Object> body() {
    return Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "web", "namespace", "shop"), "data", Map.of("a", "1"));
  }

  @Test
  @DisplayName("reads and dry-runs pass through; apply, replace and delete throw and reach nothing")
  void writesThrow() throws Exception {
    FakeCluster cluster = new FakeCluster();
    ReadOnlyObjects view = new ReadOnlyObjects(cluster);
    assertThat(view.get("v1", KEY)).isNull();
    assertThat(view.dryRun(body(), KEY)).containsEntry("kind", "ConfigMap");
    assertThatThrownBy(() -> view.apply(body(), KEY)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("a plan never writes");
    assertThatThrownBy(() -> view.replace(body(), KEY)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> view.delete("v1", KEY, DeletionPropagation.BACKGROUND))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(cluster.get("v1", KEY)).as("nothing reached the cluster").isNull();
  }
}
