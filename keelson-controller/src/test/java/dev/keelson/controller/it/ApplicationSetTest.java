package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.appset.AppSetLabels;
import dev.keelson.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ApplicationSets against a real API server: generators, the fail-safe rules and confirmation. */
class ApplicationSetTest extends ControllerTestBase {

  private ApplicationSet createSet(String yaml) {
    ApplicationSet set = client.getKubernetesSerialization().unmarshal(yaml, ApplicationSet.class);
    return client.resource(set).create();
  }

  private ApplicationSet set(String name) {
    return client.resources(ApplicationSet.class).inNamespace(ns).withName(name).get();
  }

  private ApplicationSet awaitSet(String name, Predicate<ApplicationSet> condition) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> Optional.ofNullable(set(name)).filter(condition).isPresent());
    } catch (ConditionTimeoutException e) {
      ApplicationSet last = set(name);
      throw new AssertionError("application set " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last)), e);
    }
    return set(name);
  }

  private static Optional<Condition> setCondition(ApplicationSet s, String type) {
    if (s.getStatus() == null || s.getStatus().conditions == null) return Optional.empty();
    return s.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static boolean setConditionIs(ApplicationSet s, String type, String status) {
    return setCondition(s, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }

  private List<String> appNames(String set) {
    return client.resources(Application.class).inNamespace(ns).withLabel(AppSetLabels.SET, set).list().getItems()
        .stream().map(a -> a.getMetadata().getName()).sorted().toList();
  }

  private boolean configMapExists(String namespace, String name) {
    return client.configMaps().inNamespace(namespace).withName(name).get() != null;
  }

  private String listSet(String name, String interval, String elements) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata: {name: %s, namespace: %s}
        spec:
          interval: %s
          generators:
          - list:
              elements: %s
          template:
            metadata: {name: '{{name}}'}
            spec:
              interval: 2s
              source: {repoURL: '%s', path: 'apps/{{name}}'}
              destination: {namespace: %s}
              syncPolicy: {automated: {prune: true}}
        """.formatted(name, ns, interval, elements, repo.url(), ns);
  }

  @Test
  @DisplayName("a list generator creates Applications owned by the set, labelled with it, that sync")
  void listGenerator() throws Exception {
    repo.write("apps/alpha/cm.yaml", Manifests.configMap("alpha-cm", "a"))
        .write("apps/beta/cm.yaml", Manifests.configMap("beta-cm", "b"));
    String sha = repo.commit("two apps");
    ApplicationSet created = createSet(listSet("envs", "2s", "[{name: alpha}, {name: beta}]"));

    Application alpha = awaitApp("alpha", a -> syncedAt(a, sha));
    awaitApp("beta", a -> syncedAt(a, sha));
    assertThat(configMapExists(ns, "alpha-cm")).isTrue();
    assertThat(configMapExists(ns, "beta-cm")).isTrue();
    assertThat(alpha.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid()));
    assertThat(alpha.getMetadata().getLabels()).containsEntry(AppSetLabels.SET, "envs");
    assertThat(alpha.getMetadata().getFinalizers()).contains("keelson.dev/resources-finalizer");
    ApplicationSet s = awaitSet("envs", x -> setConditionIs(x, "ParametersGenerated", "True")
        && x.getStatus().applications.equals(List.of("alpha", "beta")));
    assertThat(setConditionIs(s, "DeletionHeld", "False")).isTrue();
    // passes every 2s find nothing to write: the generated apps are not rewritten
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> app("alpha").getMetadata().getGeneration() == 1L && app("beta").getMetadata().getGeneration() == 1L);
  }

  @Test
  @DisplayName("preserveResourcesOnDeletion: generated apps lack the resources finalizer, so deleting the set keeps their objects")
  void preserveResourcesOnDeletion() throws Exception {
    repo.write("apps/kept/cm.yaml", Manifests.configMap("kept-cm", "k"));
    String sha = repo.commit("one app");
    String yaml = listSet("keep", "2s", "[{name: kept}]").replace("  template:",
        "  syncPolicy: {preserveResourcesOnDeletion: true}\n  template:");
    createSet(yaml);
    Application kept = awaitApp("kept", a -> syncedAt(a, sha));
    assertThat(kept.getMetadata().getFinalizers()).doesNotContain("keelson.dev/resources-finalizer");
    client.resources(ApplicationSet.class).inNamespace(ns).withName("keep").delete();
    // the set's ownerReference takes the app with it; the app's objects stay
    await().atMost(TIMEOUT).until(() -> app("kept") == null);
    assertThat(configMapExists(ns, "kept-cm")).isTrue();
  }

  @Test
  @DisplayName("a git directories generator makes one app per matching directory, exclusions honoured; a Git outage keeps every app")
  void gitDirectoriesAndOutage() throws Exception {
    repo.write("apps/one/cm.yaml", Manifests.configMap("one-cm", "1"))
        .write("apps/two/cm.yaml", Manifests.configMap("two-cm", "2"))
        .write("apps/skip/cm.yaml", Manifests.configMap("skip-cm", "x"))
        .write("README.md", "not an app");
    String sha = repo.commit("three directories");
    createSet("""
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata: {name: dirs, namespace: %s}
        spec:
          interval: 1s
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
          - git:
              repoURL: '%s'
              revision: main
              directories:
              - path: 'apps/*'
              - path: apps/skip
                exclude: true
          template:
            metadata: {name: 'dir-{{ .path.basename }}'}
            spec:
              interval: 2s
              source: {repoURL: '%s', path: '{{ .path.path }}'}
              destination: {namespace: %s}
              syncPolicy: {automated: {prune: true}}
        """.formatted(ns, repo.url(), repo.url(), ns));
    awaitApp("dir-one", a -> syncedAt(a, sha));
    awaitApp("dir-two", a -> syncedAt(a, sha));
    assertThat(appNames("dirs")).containsExactly("dir-one", "dir-two");

    // the repository disappears: the generator fails, and its apps stay
    Path dir = Paths.get(java.net.URI.create(repo.url()));
    Path moved = dir.resolveSibling(dir.getFileName() + "-gone");
    Files.move(dir, moved);
    try {
      ApplicationSet s = awaitSet("dirs", x -> setConditionIs(x, "ParametersGenerated", "False"));
      assertThat(setCondition(s, "ParametersGenerated").orElseThrow().getMessage()).contains("generator 0");
      assertThat(s.getStatus().generators.get(0).state).isEqualTo("Failed");
      assertThat(s.getStatus().generators.get(0).applications).containsExactly("dir-one", "dir-two");
      // several more passes (interval 1s) during the outage: nothing is deleted
      Instant lastTransition = Instant.parse(setCondition(s, "ParametersGenerated").orElseThrow().getLastTransitionTime());
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        ApplicationSetStatus st = set("dirs").getStatus();
        return st.conditions.stream().anyMatch(c -> "ParametersGenerated".equals(c.getType()))
            && Instant.now().isAfter(lastTransition.plusSeconds(4));
      });
      assertThat(appNames("dirs")).containsExactly("dir-one", "dir-two");
    } finally {
      Files.move(moved, dir);
    }
    awaitSet("dirs", x -> setConditionIs(x, "ParametersGenerated", "True"));
    assertThat(appNames("dirs")).containsExactly("dir-one", "dir-two");
  }

  @Test
  @DisplayName("a clusters generator makes one app per cluster Secret matching its selector, with name, server and label parameters")
  void clustersGenerator() throws Exception {
    String nsA = cluster.createNamespace("it-a");
    String nsB = cluster.createNamespace("it-b");
    String mark = "t" + UUID.randomUUID().toString().substring(0, 8);
    String controllerNs = ControllerOptions.DEFAULT_NAMESPACE;
    if (client.namespaces().withName(controllerNs).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(controllerNs).endMetadata().build())
          .create();
    }
    Config c = Config.fromKubeconfig(cluster.kubeconfigYaml());
    String config = """
        {"bearerToken": "%s", "tlsClientConfig": {"caData": "%s"}}
        """.formatted(c.getAutoOAuthToken(), c.getCaCertData());
    Map<String, String> targets = Map.of(mark + "-a", nsA, mark + "-b", nsB, mark + "-c", "unused");
    try {
      for (var t : targets.entrySet()) {
        Map<String, String> labels = new HashMap<>(Map.of("keelson.dev/secret-type", "cluster", "appset-it", mark,
            "target-ns", t.getValue()));
        if (t.getKey().endsWith("-c")) labels.put("appset-it", "other");
        client.secrets().inNamespace(controllerNs).resource(new SecretBuilder().withNewMetadata().withName(t.getKey())
            .withLabels(labels).endMetadata()
            .withStringData(Map.of("name", t.getKey(), "server", cluster.apiServerUrl().toString(), "config", config))
            .build()).create();
      }
      repo.write("app/cm.yaml", Manifests.configMap("per-cluster", "x"));
      String sha = repo.commit("one app");
      createSet("""
          apiVersion: keelson.dev/v1alpha1
          kind: ApplicationSet
          metadata: {name: fleet, namespace: %s}
          spec:
            interval: 2s
            generators:
            - clusters:
                selector: {matchLabels: {appset-it: %s}}
                values: {suffix: 'on-{{nameNormalized}}'}
            template:
              metadata: {name: 'app-{{values.suffix}}'}
              spec:
                interval: 2s
                source: {repoURL: '%s', path: app}
                destination: {name: '{{name}}', namespace: '{{metadata.labels.target-ns}}'}
                syncPolicy: {automated: {prune: true}}
          """.formatted(ns, mark, repo.url()));
      Application a = awaitApp("app-on-" + mark + "-a", x -> syncedAt(x, sha));
      awaitApp("app-on-" + mark + "-b", x -> syncedAt(x, sha));
      assertThat(a.getSpec().destination.name).isEqualTo(mark + "-a");
      assertThat(a.getSpec().destination.namespace).isEqualTo(nsA);
      assertThat(configMapExists(nsA, "per-cluster")).isTrue();
      assertThat(configMapExists(nsB, "per-cluster")).isTrue();
      assertThat(appNames("fleet")).hasSize(2);
    } finally {
      for (String name : targets.keySet()) client.secrets().inNamespace(controllerNs).withName(name).delete();
    }
  }

  @Test
  @DisplayName("a pass deleting more than maxDeletePercent deletes nothing, says why, and deletes once `appset confirm` names the hold")
  void massDeletionIsHeldUntilConfirmed() throws Exception {
    repo.write("apps/a/cm.yaml", Manifests.configMap("a-cm", "a"))
        .write("apps/b/cm.yaml", Manifests.configMap("b-cm", "b"))
        .write("apps/c/cm.yaml", Manifests.configMap("c-cm", "c"));
    repo.commit("three apps");
    // a long interval: no later pass comes to agree during the test, only the confirmation releases
    createSet(listSet("guarded", "1h", "[{name: a}, {name: b}, {name: c}]"));
    awaitSet("guarded", x -> x.getStatus() != null && x.getStatus().applications.size() == 3);

    RetryOnConflict.edit(client.resources(ApplicationSet.class).inNamespace(ns).withName("guarded"), s -> {
      s.getSpec().generators.get(0).list.elements = List.of(
          client.getKubernetesSerialization().convertValue(Map.of("name", "a"), com.fasterxml.jackson.databind.JsonNode.class));
      return s;
    });
    ApplicationSet held = awaitSet("guarded", x -> setConditionIs(x, "DeletionHeld", "True"));
    assertThat(setCondition(held, "DeletionHeld").orElseThrow().getMessage())
        .contains("more than maxDeletePercent 50%").contains("keelson appset confirm guarded");
    assertThat(held.getStatus().heldDeletion.applications).containsExactly("b", "c");
    assertThat(appNames("guarded")).containsExactly("a", "b", "c");

    // what `keelson appset confirm guarded` writes
    String token = Instant.now().toString();
    OperatorRequest confirm = new OperatorRequest("tester", token, held.getStatus().heldDeletion.id, null);
    RetryOnConflict.edit(client.resources(ApplicationSet.class).inNamespace(ns).withName("guarded"), s -> {
      if (s.getMetadata().getAnnotations() == null) s.getMetadata().setAnnotations(new HashMap<>());
      s.getMetadata().getAnnotations().put(AppSetLabels.CONFIRM, confirm.toJson());
      return s;
    });
    ApplicationSet done = awaitSet("guarded", x -> token.equals(x.getStatus().lastHandledConfirm)
        && setConditionIs(x, "DeletionHeld", "False"));
    assertThat(done.getStatus().heldDeletion).isNull();
    await().atMost(TIMEOUT).until(() -> appNames("guarded").equals(List.of("a")));
    // the resources finalizer went with them: their objects were deleted too
    await().atMost(TIMEOUT).until(() -> !configMapExists(ns, "b-cm") && !configMapExists(ns, "c-cm"));
    assertThat(configMapExists(ns, "a-cm")).isTrue();
  }

  @Test
  @DisplayName("RollingSync: prod is written only once dev is Synced to the current revision and Healthy; a maxUpdate 0 step waits for promote")
  void rollingSync() throws Exception {
    repo.write("apps/dev/cm.yaml", Manifests.configMap("dev-cm", "1"))
        .write("apps/prod/cm.yaml", Manifests.configMap("prod-cm", "1"));
    String sha = repo.commit("dev and prod");
    createSet("""
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata: {name: rolling, namespace: %s}
        spec:
          interval: 3s
          generators:
          - list: {elements: [{env: prod}, {env: dev}]}
          strategy:
            type: RollingSync
            rollingSync:
              steps:
              - matchExpressions: [{key: env, operator: In, values: [dev]}]
              - matchExpressions: [{key: env, operator: In, values: [prod]}]
                maxUpdate: 0
          template:
            metadata: {name: '{{env}}-web', labels: {env: '{{env}}'}}
            spec:
              interval: 2s
              source: {repoURL: '%s', revision: main, path: 'apps/{{env}}'}
              destination: {namespace: %s}
              syncPolicy: {automated: {prune: true}}
        """.formatted(ns, repo.url(), ns));
    awaitApp("dev-web", a -> syncedAt(a, sha) && healthy(a));
    ApplicationSet waiting = awaitSet("rolling", x -> x.getStatus() != null && x.getStatus().rollingSync != null
        && x.getStatus().rollingSync.steps.size() == 2
        && "Done".equals(x.getStatus().rollingSync.steps.get(0).state)
        && "Waiting".equals(x.getStatus().rollingSync.steps.get(1).state));
    assertThat(waiting.getStatus().rollingSync.steps.get(1).holding).contains("keelson appset promote");
    assertThat(waiting.getStatus().rollingSync.steps.get(1).applications).containsExactly("prod-web");
    assertThat(setConditionIs(waiting, "RolloutProgressing", "True")).isTrue();
    assertThat(app("prod-web")).isNull();

    // what `keelson appset promote rolling` writes
    String token = Instant.now().toString();
    RetryOnConflict.edit(client.resources(ApplicationSet.class).inNamespace(ns).withName("rolling"), s -> {
      if (s.getMetadata().getAnnotations() == null) s.getMetadata().setAnnotations(new HashMap<>());
      s.getMetadata().getAnnotations().put(AppSetLabels.PROMOTE, OperatorRequest.of("tester", token).toJson());
      return s;
    });
    awaitApp("prod-web", a -> syncedAt(a, sha) && healthy(a));
    ApplicationSet done = awaitSet("rolling", x -> setConditionIs(x, "RolloutProgressing", "False"));
    assertThat(done.getStatus().rollingSync.steps).allSatisfy(st -> assertThat(st.state).isEqualTo("Done"));
    assertThat(done.getStatus().rollingSync.lastHandledPromote).isEqualTo(token);
    assertThat(done.getStatus().rollingSync.promotedSteps).isEmpty();
    // the apps were given the commit main resolved to, and remember what they track
    assertThat(app("prod-web").getSpec().source.revision).isEqualTo(sha);
    assertThat(app("prod-web").getMetadata().getAnnotations()).containsEntry("keelson.dev/tracks-revision", "main");

    // a new commit on main rolls out step by step too: dev first, prod only once promoted again
    repo.write("apps/dev/cm.yaml", Manifests.configMap("dev-cm", "2"))
        .write("apps/prod/cm.yaml", Manifests.configMap("prod-cm", "2"));
    String next = repo.commit("both change");
    awaitApp("dev-web", a -> syncedAt(a, next) && healthy(a));
    awaitSet("rolling", x -> x.getStatus().rollingSync.steps.size() == 2
        && "Done".equals(x.getStatus().rollingSync.steps.get(0).state)
        && "Waiting".equals(x.getStatus().rollingSync.steps.get(1).state));
    assertThat(app("prod-web").getSpec().source.revision).isEqualTo(sha);
    assertThat(client.configMaps().inNamespace(ns).withName("prod-cm").get().getData()).containsEntry("value", "1");
    String again = Instant.now().plusSeconds(1).toString();
    RetryOnConflict.edit(client.resources(ApplicationSet.class).inNamespace(ns).withName("rolling"), s -> {
      s.getMetadata().getAnnotations().put(AppSetLabels.PROMOTE, OperatorRequest.of("tester", again).toJson());
      return s;
    });
    awaitApp("prod-web", a -> syncedAt(a, next) && healthy(a));
    assertThat(client.configMaps().inNamespace(ns).withName("prod-cm").get().getData()).containsEntry("value", "2");
  }

  @Test
  @DisplayName("a generator that fails from the start does not block the others: their apps are created and sync")
  void oneBadGeneratorDoesNotBlockTheOthers() throws Exception {
    repo.write("apps/solo/cm.yaml", Manifests.configMap("solo-cm", "s"));
    String sha = repo.commit("one app");
    createSet("""
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata: {name: mixed, namespace: %s}
        spec:
          interval: 2s
          generators:
          - git: {repoURL: 'file:///nonexistent/keelson-repo', directories: [{path: 'apps/*'}]}
          - list: {elements: [{name: solo}]}
          template:
            metadata: {name: '{{name}}'}
            spec:
              interval: 2s
              source: {repoURL: '%s', path: 'apps/{{name}}'}
              destination: {namespace: %s}
              syncPolicy: {automated: {prune: true}}
        """.formatted(ns, repo.url(), ns));
    awaitApp("solo", a -> syncedAt(a, sha));
    ApplicationSet s = awaitSet("mixed", x -> setConditionIs(x, "ParametersGenerated", "False"));
    assertThat(setCondition(s, "ParametersGenerated").orElseThrow().getMessage()).contains("generator 0 (git)");
    assertThat(s.getStatus().generators).extracting(g -> g.state).containsExactly("Failed", "Ok");
  }
}
