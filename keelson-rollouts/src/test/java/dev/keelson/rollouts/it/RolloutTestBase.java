package dev.keelson.rollouts.it;

import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.ClusterAnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.analysis.AnalysisRunReconciler;
import java.util.List;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.rollouts.runtime.RolloutOptions;
import dev.keelson.rollouts.runtime.RolloutReconciler;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared real control plane with the node simulator, and a Rollout reconciler per test class. */
abstract class RolloutTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static TestCluster cluster;
  static KubernetesClient client;
  static Operator operator;
  /** The meters the analysis reconciler writes, as the controller's registry would serve them. */
  static final io.micrometer.core.instrument.simple.SimpleMeterRegistry METERS =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  String ns;

  @BeforeAll
  static void startReconciler() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    for (String crd : List.of(Rollout.CRD_NAME, AnalysisTemplate.CRD_NAME, ClusterAnalysisTemplate.CRD_NAME,
        AnalysisRun.CRD_NAME)) {
      installCrd(crd);
    }
    operator = new Operator(o -> {
      o.withKubernetesClient(client);
      o.withCloseClientOnStop(false);
      o.withUseSSAToPatchPrimaryResource(false);
    });
    operator.register(new RolloutReconciler(client, RolloutOptions.defaults()));
    operator.register(new AnalysisRunReconciler(client, java.time.Clock.systemUTC(),
        new dev.keelson.rollouts.analysis.AnalysisMetrics(METERS)));
    operator.start();
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.stop();
    if (client != null) client.close();
  }

  @BeforeEach
  void namespace() {
    ns = cluster.createNamespace("rollout");
  }

  static void installCrd(String name) throws Exception {
    try (InputStream in = Rollout.class.getResourceAsStream("/META-INF/fabric8/" + name + "-v1.yml")) {
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      client.resource(crd).fieldManager("keelson").forceConflicts().serverSideApply();
    }
    client.apiextensions().v1().customResourceDefinitions().withName(name)
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            60, TimeUnit.SECONDS);
  }

  /** A CRD of another project (SMI, Gateway API) from the test resources, established before it is used. */
  static void installTestCrd(String resource) throws Exception {
    CustomResourceDefinition crd;
    try (InputStream in = RolloutTestBase.class.getResourceAsStream(resource)) {
      crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    }
    client.resource(crd).fieldManager("keelson-test").forceConflicts().serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            60, TimeUnit.SECONDS);
  }

  Rollout create(String yaml) {
    return client.resource(client.getKubernetesSerialization().unmarshal(yaml, Rollout.class)).inNamespace(ns).create();
  }

  void service(String name, Map<String, String> selector) {
    client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withSelector(selector).addNewPort().withPort(80).endPort().endSpec().build()).create();
  }

  Rollout rollout(String name) {
    return client.resources(Rollout.class).inNamespace(ns).withName(name).get();
  }

  Rollout awaitRollout(String name, Predicate<Rollout> condition) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> Optional.ofNullable(rollout(name)).filter(r -> r.getStatus() != null).filter(condition).isPresent());
    } catch (ConditionTimeoutException e) {
      Rollout last = rollout(name);
      throw new AssertionError("rollout " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last)), e);
    }
    return rollout(name);
  }

  ReplicaSet replicaSet(String rollout, String hash) {
    return client.apps().replicaSets().inNamespace(ns).withName(rollout + "-" + hash).get();
  }

  void awaitReplicas(String rollout, String hash, int replicas) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        ReplicaSet rs = replicaSet(rollout, hash);
        return rs != null && rs.getSpec().getReplicas() == replicas;
      });
    } catch (ConditionTimeoutException e) {
      ReplicaSet rs = replicaSet(rollout, hash);
      throw new AssertionError("ReplicaSet " + rollout + "-" + hash + " not at " + replicas + "; last seen "
          + (rs == null ? "absent" : rs.getSpec().getReplicas()), e);
    }
  }

  String selectorHash(String service) {
    return client.services().inNamespace(ns).withName(service).get().getSpec().getSelector()
        .get(Rollout.POD_TEMPLATE_HASH_LABEL);
  }

  /** What `keelson rollout promote|abort|...` writes. */
  void request(String name, RolloutRequest.Action action) {
    String value = new RolloutRequest(action, "alice", Instant.now().toString()).toJson();
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName(name), r -> {
      r.getMetadata().getAnnotations().put(RolloutRequest.ANNOTATION, value);
      return r;
    });
  }

  /** Changes the pod template, so a new canary starts. */
  void setVersion(String name, String version) {
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName(name), r -> {
      r.getSpec().template.getMetadata().getAnnotations().put("version", version);
      return r;
    });
  }
}
