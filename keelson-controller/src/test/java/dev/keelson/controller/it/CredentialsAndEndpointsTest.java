package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialsAndEndpointsTest extends ControllerTestBase {

  @Test
  @DisplayName("a repository behind HTTP basic auth is read with the credentials Secret named by secretRef; the password appears nowhere in status or events")
  void httpCredentialsFromSecret() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("private", "from-http"));
    String sha = repo.commit("first");
    Path repoDir = Path.of(URI.create(repo.url()));
    try (HttpGitServer server = new HttpGitServer(repoDir.getParent(), "deployer", "http-pa55word")) {
      client.secrets().inNamespace(ns).resource(new SecretBuilder()
          .withNewMetadata().withName("git-creds").withNamespace(ns).endMetadata()
          .addToStringData("username", "deployer").addToStringData("password", "http-pa55word").build()).create();
      String yaml = Manifests.application("private", ns, server.url(repoDir.getFileName().toString()), ".", true, true, true, "1m")
          .replace("    path: .\n", "    path: .\n    secretRef:\n      name: git-creds\n");
      createApp(yaml);
      Application app = awaitApp("private", a -> syncedAt(a, sha));
      assertThat(client.configMaps().inNamespace(ns).withName("private").get().getData()).containsEntry("value", "from-http");
      assertThat(client.getKubernetesSerialization().asJson(app)).doesNotContain("http-pa55word");

      // wrong password: reported, never leaked
      RetryOnConflict.edit(client.secrets().inNamespace(ns).withName("git-creds"), s -> {
        s.setData(null);
        s.setStringData(java.util.Map.of("username", "deployer", "password", "wrong-pa55word"));
        return s;
      });
      repo.write("cm.yaml", Manifests.configMap("private", "v2"));
      repo.commit("second");
      RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("private"), a -> {
        a.getMetadata().setAnnotations(java.util.Map.of("keelson.dev/sync-requested-at", "now-1"));
        return a;
      });
      Application failed = awaitApp("private", a -> "now-1".equals(a.getStatus().lastHandledSyncRequest)
          && conditionIs(a, "Ready", "False"));
      assertThat(condition(failed, "Ready").orElseThrow().getReason()).isEqualTo("SourceFailed");
      assertThat(client.getKubernetesSerialization().asJson(failed)).doesNotContain("pa55word");
      assertThat(client.v1().events().inNamespace(ns).list().getItems())
          .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("pa55word"));
    }
  }

  @Test
  @DisplayName("an app without secretRef uses Argo CD's repository Secrets: a project-scoped one only for its project, then a repo-creds prefix")
  void repositorySecrets() throws Exception {
    String controllerNs = dev.keelson.controller.runtime.ControllerOptions.DEFAULT_NAMESPACE;
    if (client.namespaces().withName(controllerNs).get() == null) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName(controllerNs).endMetadata().build()).createOr(r -> r.update());
    }
    repo.write("cm.yaml", Manifests.configMap("by-repo-secret", "x"));
    String sha = repo.commit("first");
    Path repoDir = Path.of(URI.create(repo.url()));
    try (HttpGitServer server = new HttpGitServer(repoDir.getParent(), "argo", "repo-pa55word")) {
      String url = server.url(repoDir.getFileName().toString());
      // a repository Secret for exactly this URL, but for another project's apps only
      client.secrets().inNamespace(controllerNs).resource(new SecretBuilder().withNewMetadata()
          .withName(ns + "-scoped").addToLabels("argocd.argoproj.io/secret-type", "repository").endMetadata()
          .addToStringData("url", url + ".git").addToStringData("project", "someone-else")
          .addToStringData("username", "argo").addToStringData("password", "repo-pa55word").build()).create();
      createApp(Manifests.application("by-secret", ns, url, ".", true, true, true, "1h"));
      Application refused = awaitApp("by-secret", a -> conditionIs(a, "Ready", "False")
          && "SourceFailed".equals(condition(a, "Ready").orElseThrow().getReason()));
      assertThat(client.getKubernetesSerialization().asJson(refused)).doesNotContain("pa55word");

      // a credential template for every repository under the server's URL
      client.secrets().inNamespace(controllerNs).resource(new SecretBuilder().withNewMetadata()
          .withName(ns + "-creds").addToLabels("argocd.argoproj.io/secret-type", "repo-creds").endMetadata()
          .addToStringData("url", url.substring(0, url.lastIndexOf('/') + 1))
          .addToStringData("username", "argo").addToStringData("password", "repo-pa55word").build()).create();
      RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("by-secret"), a -> {
        a.getMetadata().setAnnotations(java.util.Map.of("keelson.dev/sync-requested-at", "retry-1"));
        return a;
      });
      awaitApp("by-secret", a -> syncedAt(a, sha));
      assertThat(client.configMaps().inNamespace(ns).withName("by-repo-secret").get()).isNotNull();
    } finally {
      client.secrets().inNamespace(controllerNs).withName(ns + "-scoped").delete();
      client.secrets().inNamespace(controllerNs).withName(ns + "-creds").delete();
    }
  }

  @Test
  @DisplayName("the controller serves /healthz, /readyz and Prometheus /metrics")
  void endpoints() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("m", "x"));
    String sha = repo.commit("first");
    createApp(Manifests.application("metrics", ns, repo.url(), ".", true, true, true, "1m"));
    awaitApp("metrics", a -> syncedAt(a, sha));
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + controller.metricsPort();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("keelson_reconcile_total").contains("keelson_sync_total")
        .contains("keelson_apps{sync_status=\"Synced\"}");
  }
}
