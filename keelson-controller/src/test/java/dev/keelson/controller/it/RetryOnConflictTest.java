package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An edit racing another writer, the way an operator's request races the controller's status
 * writes: the other write lands between the edit's read and its patch.
 */
@Timeout(120)
class RetryOnConflictTest {
  private static KubernetesClient client;
  private static KubernetesClient other;
  private static String ns;

  @BeforeAll
  static void start() {
    TestCluster cluster = TestCluster.shared();
    client = cluster.newClient();
    other = cluster.newClient();
    ns = cluster.createNamespace("conflict");
  }

  @AfterAll
  static void stop() {
    client.close();
    other.close();
  }

  private Resource<ConfigMap> configMap(String name) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .endMetadata().addToData("writes", "0").build()).create();
    return client.configMaps().inNamespace(ns).withName(name);
  }

  /** The change, which on its first run lets another client write the object first. */
  private UnaryOperator<ConfigMap> racedOnce(String name, AtomicInteger runs) {
    return cm -> {
      if (runs.incrementAndGet() == 1) {
        other.configMaps().inNamespace(ns).withName(name).edit(x -> {
          x.getData().put("other", "wrote");
          return x;
        });
      }
      cm.getData().put("request", "sync");
      return cm;
    };
  }

  @Test
  void aPlainEditLosesTheRace() {
    var runs = new AtomicInteger();
    assertThatThrownBy(() -> configMap("plain").edit(racedOnce("plain", runs)))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void theChangeIsReappliedOnTheObjectAsTheOtherWriterLeftIt() {
    var runs = new AtomicInteger();
    ConfigMap edited = RetryOnConflict.edit(configMap("retried"), racedOnce("retried", runs));

    assertThat(runs).hasValue(2);
    assertThat(edited.getData()).containsEntry("request", "sync").containsEntry("other", "wrote");
    assertThat(client.configMaps().inNamespace(ns).withName("retried").get().getData())
        .containsEntry("request", "sync").containsEntry("other", "wrote");
  }

  @Test
  void otherFailuresAreNotRetried() {
    var runs = new AtomicInteger();
    assertThatThrownBy(() -> RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("absent"), cm -> {
      runs.incrementAndGet();
      return cm;
    })).isInstanceOf(KubernetesClientException.class);
    assertThat(runs.get()).isLessThanOrEqualTo(1);
  }
}
