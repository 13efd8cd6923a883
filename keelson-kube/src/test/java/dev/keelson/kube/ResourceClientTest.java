package dev.keelson.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapters against a real kube-apiserver: apply, dry-run, delete, discovery, live cache. */
class ResourceClientTest {
  static KubernetesClient client;
  static ApiDiscovery discovery;
  static ResourceClient resources;
  static String ns;

  @BeforeAll
  static void setUp() {
    TestCluster cluster = TestCluster.shared();
    client = cluster.newClient();
    discovery = new ApiDiscovery(client);
    resources = new ResourceClient(client, discovery);
    ns = cluster.createNamespace("kube");
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  static Map<String, Object> configMap(String name, String value) {
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    cm.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", ns)));
    cm.put("data", new LinkedHashMap<>(Map.of("value", value)));
    return cm;
  }

  @Test
  @DisplayName("server-side apply creates with field manager keelson; a dry-run returns the would-be object and changes nothing; delete removes it")
  void applyDryRunDelete() throws Exception {
    ResourceKey key = new ResourceKey("", "ConfigMap", ns, "applied");
    Map<String, Object> created = resources.apply(configMap("applied", "one"), key);
    assertThat(created).extractingByKey("data").isEqualTo(Map.of("value", "one"));
    assertThat(client.configMaps().inNamespace(ns).withName("applied").get().getMetadata().getManagedFields())
        .anyMatch(f -> ResourceClient.FIELD_MANAGER.equals(f.getManager()));

    Map<String, Object> predicted = resources.dryRun(configMap("applied", "two"), key);
    assertThat(predicted).extractingByKey("data").isEqualTo(Map.of("value", "two"));
    assertThat(client.configMaps().inNamespace(ns).withName("applied").get().getData()).containsEntry("value", "one");

    assertThat(resources.get("v1", key)).isNotNull();
    resources.delete("v1", key, DeletionPropagation.BACKGROUND);
    await().atMost(Duration.ofSeconds(30)).until(() -> resources.get("v1", key) == null);
  }

  @Test
  @DisplayName("an object the API server rejects is a terminal (non-transient) failure naming the object")
  void rejectedIsTerminal() {
    Map<String, Object> svc = new LinkedHashMap<>();
    svc.put("apiVersion", "v1");
    svc.put("kind", "Service");
    svc.put("metadata", Map.of("name", "bad", "namespace", ns));
    svc.put("spec", Map.of("ports", List.of(Map.of("port", 99999, "protocol", "TCP"))));
    assertThatThrownBy(() -> resources.dryRun(svc, new ResourceKey("", "Service", ns, "bad")))
        .isInstanceOfSatisfying(KubeException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e.getMessage()).contains("bad");
        });
  }

  @Test
  @DisplayName("discovery knows namespaced and cluster-scoped kinds and reports unknown ones")
  void discovery() throws Exception {
    assertThat(discovery.typeOf("apps/v1", "Deployment").namespaced()).isTrue();
    assertThat(discovery.typeOf("v1", "Namespace").namespaced()).isFalse();
    assertThat(discovery.typeOf("apps/v1", "Deployment").plural()).isEqualTo("deployments");
    assertThatThrownBy(() -> discovery.typeOf("example.com/v1", "Widget"))
        .isInstanceOf(UnknownKindException.class).hasMessageContaining("Widget");
  }

  @Test
  @DisplayName("the live cache sees objects carrying the tracking label, reports each change, and ignores unlabelled ones")
  void liveCache() throws Exception {
    List<Map<String, Object>> changes = new CopyOnWriteArrayList<>();
    try (LiveCache cache = new LiveCache(client, discovery, changes::add)) {
      AppRef app = new AppRef(ns, "cache-app");
      ResourceKey tracked = new ResourceKey("", "ConfigMap", ns, "tracked");
      resources.apply(TrackingMark.stamp(configMap("tracked", "a"), app, tracked), tracked);
      client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
          .withNewMetadata().withName("untracked").withNamespace(ns).endMetadata().build()).create();

      await().atMost(Duration.ofSeconds(30)).until(() -> cache.get("v1", tracked) != null);
      assertThat(cache.get("v1", new ResourceKey("", "ConfigMap", ns, "untracked"))).isNull();

      client.configMaps().inNamespace(ns).withName("tracked").edit(cm -> {
        cm.getData().put("value", "edited");
        return cm;
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> changes.stream().anyMatch(c ->
          "edited".equals(((Map<?, ?>) c.getOrDefault("data", Map.of())).get("value"))));
      assertThat(changes).allMatch(c -> TrackingMark.trackingIdOf(c).isPresent());
    }
  }
}
