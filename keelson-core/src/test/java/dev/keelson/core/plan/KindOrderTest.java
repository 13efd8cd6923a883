package dev.keelson.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KindOrderTest {

  private static Manifest m(String apiVersion, String kind, String namespace, String name) {
    return new Manifest(
        new ResourceKey(ResourceKey.groupOf(apiVersion), kind, namespace, name),
        apiVersion,
        Map.of(),
        "test.yaml#1");
  }

  private static final List<Manifest> IN_ORDER =
      List.of(
          m("v1", "Namespace", "", "shop"),
          m("networking.k8s.io/v1", "NetworkPolicy", "shop", "deny-all"),
          m("v1", "ResourceQuota", "shop", "quota"),
          m("v1", "LimitRange", "shop", "limits"),
          m("policy/v1", "PodDisruptionBudget", "shop", "web"),
          m("v1", "ServiceAccount", "shop", "web"),
          m("v1", "Secret", "shop", "creds"),
          m("v1", "ConfigMap", "shop", "cfg"),
          m("storage.k8s.io/v1", "StorageClass", "", "fast"),
          m("v1", "PersistentVolume", "", "pv1"),
          m("v1", "PersistentVolumeClaim", "shop", "data"),
          m("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com"),
          m("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader"),
          m("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "reader"),
          m("rbac.authorization.k8s.io/v1", "Role", "shop", "editor"),
          m("rbac.authorization.k8s.io/v1", "RoleBinding", "shop", "editor"),
          m("v1", "Service", "shop", "web"),
          m("apps/v1", "DaemonSet", "shop", "agent"),
          m("v1", "Pod", "shop", "debug"),
          m("v1", "ReplicationController", "shop", "legacy"),
          m("apps/v1", "ReplicaSet", "shop", "rs"),
          m("apps/v1", "Deployment", "shop", "web"),
          m("autoscaling/v2", "HorizontalPodAutoscaler", "shop", "web"),
          m("apps/v1", "StatefulSet", "shop", "db"),
          m("batch/v1", "Job", "shop", "migrate"),
          m("batch/v1", "CronJob", "shop", "nightly"),
          m("networking.k8s.io/v1", "IngressClass", "", "nginx"),
          m("networking.k8s.io/v1", "Ingress", "shop", "web"),
          m("apiregistration.k8s.io/v1", "APIService", "", "v1.example.com"),
          m("example.com/v1", "Gadget", "shop", "g"),
          m("example.com/v1", "Widget", "shop", "w"));

  @Test
  void applyOrderFollowsTheInstallOrderWithCustomResourcesLast() {
    List<Manifest> shuffled = new ArrayList<>(IN_ORDER);
    Collections.shuffle(shuffled, new Random(42));
    shuffled.sort(KindOrder.applyOrder());
    assertThat(shuffled).containsExactlyElementsOf(IN_ORDER);
  }

  @Test
  void pruneOrderIsTheReverse() {
    List<Manifest> sorted = new ArrayList<>(IN_ORDER);
    sorted.sort(KindOrder.pruneOrder());
    List<Manifest> reversed = new ArrayList<>(IN_ORDER);
    Collections.reverse(reversed);
    assertThat(sorted).containsExactlyElementsOf(reversed);

    List<ResourceKey> keys = new ArrayList<>(IN_ORDER.stream().map(Manifest::key).toList());
    keys.sort(KindOrder.keyPruneOrder());
    assertThat(keys.get(0).kind()).isEqualTo("Widget");
    assertThat(keys.get(keys.size() - 1).kind()).isEqualTo("Namespace");
  }

  @Test
  void sameKindSortsByNamespaceThenName() {
    List<Manifest> list =
        new ArrayList<>(
            List.of(
                m("v1", "ConfigMap", "b", "a"),
                m("v1", "ConfigMap", "a", "z"),
                m("v1", "ConfigMap", "a", "b")));
    list.sort(KindOrder.applyOrder());
    assertThat(list)
        .extracting(x -> x.key().namespace() + "/" + x.key().name())
        .containsExactly("a/b", "a/z", "b/a");
  }

  @Test
  void kindsAreMatchedWithTheirGroup() {
    assertThat(KindOrder.rank(new ResourceKey("", "Service", "", "x")))
        .isLessThan(KindOrder.UNKNOWN_RANK);
    // Knative's Service and a custom "Namespace" kind are custom resources.
    assertThat(KindOrder.rank(new ResourceKey("serving.knative.dev", "Service", "", "x")))
        .isEqualTo(KindOrder.UNKNOWN_RANK);
    assertThat(KindOrder.rank("example.com", "Namespace")).isEqualTo(KindOrder.UNKNOWN_RANK);
    assertThat(KindOrder.rank("extensions", "Deployment")).isEqualTo(KindOrder.rank("apps", "Deployment"));
  }

  @Test
  void namespacesAndCrdsAreClusterDefinitions() {
    assertThat(KindOrder.isClusterDefinition(new ResourceKey("", "Namespace", "", "shop"))).isTrue();
    assertThat(
            KindOrder.isClusterDefinition(
                new ResourceKey("apiextensions.k8s.io", "CustomResourceDefinition", "", "w.example.com")))
        .isTrue();
    assertThat(KindOrder.isClusterDefinition(new ResourceKey("example.com", "Namespace", "", "x"))).isFalse();
    assertThat(KindOrder.isClusterDefinition(new ResourceKey("", "ConfigMap", "ns", "x"))).isFalse();
  }
}
