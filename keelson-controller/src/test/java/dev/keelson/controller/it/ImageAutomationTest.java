package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.images.v1alpha1.ImagePolicy;
import dev.keelson.api.images.v1alpha1.ImageRepository;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomation;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.automation.registry.RegistryUploads;
import dev.keelson.helm.OciRegistry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Image update automation end to end: tags pushed to a real registry (Debian's docker-registry on
 * loopback), scanned, chosen by a policy, written into the app's repository on a real Git server
 * over HTTP with the app's credentials, and applied by the app at once (its interval is an hour).
 */
@org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ImageAutomationTest extends ControllerTestBase {
  static OciRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = new OciRegistry();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) registry.close();
  }

  static String deploymentWithMarker(String image, String ns) {
    return """
        # the web tier (this comment stays)
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: %s # {"$imagepolicy": "%s:web"}
                ports:
                - containerPort: 80
                  protocol: TCP
        """.formatted(image, ns);
  }

  String fileAt(Repository r, String ref, String path) throws Exception {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve(ref));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  Condition ready(List<Condition> conditions) {
    return conditions == null ? null : conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }

  @Test
  @DisplayName("scan, policy, pushed commit, applied: a new tag in the registry ends up in the Deployment without waiting for the app's interval")
  void fromScanToApplied() throws Exception {
    String image = registry.host() + "/team/web";
    RegistryUploads uploads = new RegistryUploads(registry.host(), null, null);
    uploads.push("team/web", "1.0.0", "1.1.0", "2.0.0", "1.1.0.sig", "latest");

    repo.write("deploy.yaml", deploymentWithMarker(image + ":1.0.0", ns));
    repo.commit("web 1.0.0");
    Path root = Files.createTempDirectory("keelson-git-");
    Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(root.resolve("app.git").toFile()).call().close();
    try (HttpGitServer server = new HttpGitServer(root, "writer", "git-pa55word");
        Repository origin = Git.open(root.resolve("app.git").toFile()).getRepository()) {
      String url = server.url("app.git");
      client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("git-creds").endMetadata()
          .addToStringData("username", "writer").addToStringData("password", "git-pa55word").build()).create();
      createApp(Manifests.application("web", ns, url, ".", true, true, false, "1h")
          .replace("    path: .\n", "    path: .\n    revision: main\n    secretRef:\n      name: git-creds\n"));
      awaitApp("web", a -> synced(a));
      assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage()).isEqualTo(image + ":1.0.0");

      apply("""
          apiVersion: keelson.dev/v1alpha1
          kind: ImageRepository
          metadata: {name: web, namespace: %s}
          spec: {image: "%s", interval: 2s, insecure: true}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImagePolicy
          metadata: {name: web, namespace: %s}
          spec:
            imageRepositoryRef: {name: web}
            policy:
              semver: {range: "^1"}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImageUpdateAutomation
          metadata: {name: web, namespace: %s}
          spec:
            sourceRef: {kind: Application, name: web}
            interval: 1h
            git:
              checkout: {ref: {branch: main}}
              commit:
                author: {name: Image Bot, email: images@keelson.dev}
                messageTemplate: "images: {{ range .Changed.Changes }}{{ .OldValue }} -> {{ .NewValue }}{{ end }}"
            update: {path: ., strategy: Setters}
          """.formatted(ns, image, ns, ns));

      // scan: 4 tags (the cosign signature is excluded by default), the latest few in status, not all
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        ImageRepository r = client.resources(ImageRepository.class).inNamespace(ns).withName("web").get();
        assertThat(r.getStatus().lastScanResult.tagCount).isEqualTo(4);
        assertThat(r.getStatus().lastScanResult.latestTags).containsExactly("latest", "2.0.0", "1.1.0", "1.0.0");
        assertThat(ready(r.getStatus().conditions).getStatus()).isEqualTo("True");
      });
      // policy: the greatest 1.x
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        ImagePolicy p = client.resources(ImagePolicy.class).inNamespace(ns).withName("web").get();
        assertThat(p.getStatus().latestImage).isEqualTo(image + ":1.1.0");
        assertThat(p.getStatus().latestRef.digest).startsWith("sha256:");
      });
      // commit: pushed to main with only the marked value changed, and the app applies it at once
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        ImageUpdateAutomation a = client.resources(ImageUpdateAutomation.class).inNamespace(ns).withName("web").get();
        assertThat(a.getStatus().lastPushCommit).isEqualTo(origin.resolve("refs/heads/main").name());
      });
      assertThat(fileAt(origin, "refs/heads/main", "deploy.yaml"))
          .isEqualTo(deploymentWithMarker(image + ":1.1.0", ns));
      try (RevWalk walk = new RevWalk(origin)) {
        RevCommit c = walk.parseCommit(origin.resolve("refs/heads/main"));
        assertThat(c.getFullMessage()).isEqualTo("images: " + image + ":1.0.0 -> " + image + ":1.1.0\n");
        assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("images@keelson.dev");
      }
      String pushed = origin.resolve("refs/heads/main").name();
      awaitApp("web", a -> syncedAt(a, pushed));
      assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage()).isEqualTo(image + ":1.1.0");

      await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(ns).list().getItems().stream()
          .anyMatch(e -> "ImageUpdated".equals(e.getReason()) && e.getMessage().contains("deploy.yaml: " + image + ":1.0.0 -> "
              + image + ":1.1.0")));
      // a newer tag: the next scan finds it, and the same loop runs again
      uploads.push("team/web", "1.2.0");
      await().atMost(TIMEOUT).until(() -> {
        Deployment d = client.apps().deployments().inNamespace(ns).withName("web").get();
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image + ":1.2.0");
      });
      // nothing of the Git password in any status
      for (Object o : List.of(client.resources(ImageUpdateAutomation.class).inNamespace(ns).withName("web").get(),
          app("web"))) {
        assertThat(client.getKubernetesSerialization().asJson(o)).doesNotContain("git-pa55word");
      }
    }
  }

  @Test
  @DisplayName("a push the server refuses is a clear PushRefused condition; a bad policy and a missing source are named")
  void refusedPushAndBadInput() throws Exception {
    new RegistryUploads(registry.host(), null, null).push("team/api", "3.0.0");
    String image = registry.host() + "/team/api";
    repo.write("api.yaml", "image: " + image + ":1.0.0 # {\"$imagepolicy\": \"" + ns + ":api\"}\n");
    repo.commit("api");
    Path root = Files.createTempDirectory("keelson-git-");
    Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(root.resolve("api.git").toFile()).call().close();
    try (HttpGitServer server = new HttpGitServer(root, "reader", "read-pa55word")) {
      client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("ro").endMetadata()
          .addToStringData("username", "reader").addToStringData("password", "read-pa55word").build()).create();
      apply("""
          apiVersion: keelson.dev/v1alpha1
          kind: ImageRepository
          metadata: {name: api, namespace: %s}
          spec: {image: "%s", interval: 1m, insecure: true}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImagePolicy
          metadata: {name: api, namespace: %s}
          spec:
            imageRepositoryRef: {name: api}
            policy: {semver: {range: ">=1"}}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImagePolicy
          metadata: {name: broken, namespace: %s}
          spec:
            imageRepositoryRef: {name: api}
            policy: {numerical: {order: sideways}}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImageUpdateAutomation
          metadata: {name: protected, namespace: %s}
          spec:
            url: %s
            secretRef: {name: ro}
            git:
              checkout: {ref: {branch: main}}
              commit: {author: {email: images@keelson.dev}}
              push: {branch: protected}
          ---
          apiVersion: keelson.dev/v1alpha1
          kind: ImageUpdateAutomation
          metadata: {name: orphan, namespace: %s}
          spec:
            sourceRef: {name: nowhere}
            git:
              commit: {author: {email: images@keelson.dev}}
          """.formatted(ns, image, ns, ns, ns, server.url("api.git"), ns));
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        Condition c = ready(client.resources(ImageUpdateAutomation.class).inNamespace(ns).withName("protected").get()
            .getStatus().conditions);
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("PushRefused");
        assertThat(c.getMessage()).contains("branch protected").contains("protected branch");
        assertThat(c.getMessage()).doesNotContain("read-pa55word");
      });
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        Condition c = ready(client.resources(ImagePolicy.class).inNamespace(ns).withName("broken").get().getStatus().conditions);
        assertThat(c.getReason()).isEqualTo("InvalidPolicy");
        assertThat(c.getMessage()).contains("policy.numerical.order");
      });
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
        Condition c = ready(client.resources(ImageUpdateAutomation.class).inNamespace(ns).withName("orphan").get()
            .getStatus().conditions);
        assertThat(c.getReason()).isEqualTo("SourceNotFound");
        assertThat(c.getMessage()).contains("Application " + ns + "/nowhere not found");
      });
    }
  }

  void apply(String yaml) {
    for (String doc : yaml.split("(?m)^---$")) {
      var o = client.getKubernetesSerialization().unmarshal(doc, io.fabric8.kubernetes.api.model.HasMetadata.class);
      client.resource(o).create();
    }
  }
}
