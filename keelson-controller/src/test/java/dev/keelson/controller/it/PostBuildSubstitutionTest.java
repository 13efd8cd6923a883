package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostBuildSubstitutionTest extends ControllerTestBase {

  /** A Secret value that must show up in the Deployment and nowhere in status or events. */
  private static final String SECRET_TEAM = "payments-7f3a9c";

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ${app_name}
        labels:
          app: ${app_name}
          team: ${team}
        annotations:
          region: ${region}
          owner: ${owner:=platform}
      spec:
        replicas: ${replicas}
        selector:
          matchLabels:
            app: ${app_name}
        template:
          metadata:
            labels:
              app: ${app_name}
          spec:
            containers:
            - name: web
              image: nginx:${tag}
              ports:
              - containerPort: 80
      """;

  private static final String SCRIPT = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: ${app_name}-script
      data:
        run.sh: |
          #!/bin/sh
          echo "$HOME" $${HOME} \\
            ${region}
        pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$'
      """;

  private String application(String name, String postBuild) {
    return Manifests.application(name, ns, repo.url(), ".", true, true, true, "2s") + postBuild;
  }

  private void configMap(String name, Map<String, String> data) {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withData(data).build()).serverSideApply();
  }

  private void secret(String name, Map<String, String> data) {
    Map<String, String> encoded = new java.util.HashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withData(encoded).build()).serverSideApply();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  @Test
  @DisplayName("variables from substitute, a ConfigMap and a Secret land in the objects, typed; a changed ConfigMap re-renders without a commit")
  void substitutesFromAllSources() throws Exception {
    configMap("cluster-vars", Map.of("replicas", "1", "tag", "1.25", "region", "eu-west"));
    secret("cluster-secrets", Map.of("tag", "1.27", "team", SECRET_TEAM));
    repo.write("deploy.yaml", DEPLOYMENT).write("script.yaml", SCRIPT);
    String sha = repo.commit("substituted app");
    createApp(application("subst", """
          postBuild:
            substitute:
              app_name: web
              replicas: "2"
            substituteFrom:
            - kind: ConfigMap
              name: cluster-vars
            - kind: Secret
              name: cluster-secrets
            - kind: ConfigMap
              name: not-there
              optional: true
        """));
    Application app = awaitApp("subst", a -> syncedAt(a, sha));

    Deployment web = deployment("web");
    assertThat(web).isNotNull();
    assertThat(web.getSpec().getReplicas()).isEqualTo(2); // substitute wins over the ConfigMap, read as an integer
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.27"); // the Secret, listed later, wins over the ConfigMap
    assertThat(web.getMetadata().getLabels()).containsEntry("team", SECRET_TEAM).containsEntry("app", "web");
    assertThat(web.getMetadata().getAnnotations())
        .containsEntry("region", "eu-west").containsEntry("owner", "platform");
    Map<String, String> script = client.configMaps().inNamespace(ns).withName("web-script").get().getData();
    assertThat(script.get("run.sh")).isEqualTo("#!/bin/sh\necho \"$HOME\" ${HOME} \\\n  eu-west\n");
    assertThat(script.get("pattern")).isEqualTo("^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$");

    configMap("cluster-vars", Map.of("replicas", "1", "tag", "1.25", "region", "us-east"));
    awaitApp("subst", a -> "us-east".equals(deployment("web").getMetadata().getAnnotations().get("region")));
    app = awaitApp("subst", a -> syncedAt(a, sha) && conditionIs(a, "Stalled", "False"));

    assertThat(client.getKubernetesSerialization().asYaml(app.getStatus())).doesNotContain(SECRET_TEAM);
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(SECRET_TEAM));
  }

  @Test
  @DisplayName("an unset variable stalls the app naming file, object and variable, and applies nothing; a missing ConfigMap is named too")
  void unsetVariableAppliesNothing() throws Exception {
    repo.write("deploy.yaml", DEPLOYMENT).write("cm.yaml", Manifests.configMap("settings", "x"));
    repo.commit("needs variables");
    createApp(application("unset", """
          postBuild:
            substitute:
              app_name: web
              replicas: "2"
              tag: "1.27"
              team: core
        """));
    Application app = awaitApp("unset", a -> conditionIs(a, "Stalled", "True"));
    var ready = condition(app, "Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("SubstitutionFailed");
    assertThat(ready.getMessage())
        .contains("deploy.yaml#1")
        .contains("Deployment.apps/${app_name}")
        .contains("metadata.annotations.region")
        .contains("variable \"region\" is not set");
    assertThat(deployment("web")).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();

    createApp(application("missing-ref", """
          postBuild:
            substituteFrom:
            - kind: ConfigMap
              name: absent-vars
        """));
    Application missing = awaitApp("missing-ref", a -> condition(a, "Ready")
        .map(c -> "SubstitutionFailed".equals(c.getReason())).orElse(false));
    assertThat(condition(missing, "Ready").orElseThrow().getMessage()).contains("ConfigMap/absent-vars");
  }
}
