package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Receiver;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook receivers on the controller's HTTP port: each type's signature checked, bad requests
 * refused without effect, and a push reconciling the apps tracking the pushed branch at once
 * (their interval is an hour: only the webhook can explain a prompt sync).
 */
@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReceiverTest extends ControllerTestBase {
  static final String TOKEN = "s3cret-hook-token";
  /** HTTP/1.1 as Git servers send hooks (the JDK client's h2c upgrade of a large POST never completes against the JDK server). */
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  String receiver(String name, String type, String resources) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name + "-token")
        .endMetadata().addToStringData("token", TOKEN).build()).createOr(r -> r.update());
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Receiver
        metadata: {name: %s, namespace: %s}
        spec:
          type: %s
          secretRef: {name: %s-token}
          resources: %s
        """.formatted(name, ns, type, name, resources), Receiver.class)).create();
    await().atMost(TIMEOUT).until(() -> {
      Receiver r = client.resources(Receiver.class).inNamespace(ns).withName(name).get();
      return r.getStatus() != null && r.getStatus().webhookPath != null;
    });
    return client.resources(Receiver.class).inNamespace(ns).withName(name).get().getStatus().webhookPath;
  }

  HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.webhookPort() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String hmac(String alg, byte[] body) throws Exception {
    Mac mac = Mac.getInstance(alg);
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), alg));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  byte[] githubPush(String repoUrl, String branch) {
    return """
        {"ref": "refs/heads/%s", "repository": {"clone_url": "%s"}}
        """.formatted(branch, repoUrl).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("github: the path is Flux's digest; a signed push syncs the app tracking that branch at once, bad and unsigned requests change nothing")
  void githubPushSyncsAtOnce() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("hooked", "one"));
    String first = repo.commit("one");
    createApp(Manifests.application("hooked", ns, repo.url(), ".", true, true, false, "1h").replace("path: .",
        "path: .\n    revision: main"));
    awaitApp("hooked", a -> syncedAt(a, first));
    String path = receiver("gh", "github", "[{kind: Application, name: hooked}]");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    assertThat(path).isEqualTo("/hook/" + HexFormat.of().formatHex(sha.digest((TOKEN + "gh" + ns).getBytes(StandardCharsets.UTF_8))));

    repo.write("cm.yaml", Manifests.configMap("hooked", "two"));
    String second = repo.commit("two");
    byte[] push = githubPush(repo.url(), "main");
    // unsigned, wrongly signed, another event, another branch's push, an unknown path: nothing happens
    assertThat(post(path, push, Map.of("X-GitHub-Event", "push")).statusCode()).isEqualTo(401);
    assertThat(post(path, push, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + "00".repeat(32)))
        .statusCode()).isEqualTo(401);
    assertThat(post(path, push, Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", push)))
        .statusCode()).isEqualTo(400);
    assertThat(post("/hook/0000", push, Map.of()).statusCode()).isEqualTo(404);
    byte[] big = new byte[(1 << 20) + 10];
    assertThat(post(path, big, Map.of("X-GitHub-Event", "push")).statusCode()).isEqualTo(413);
    byte[] other = githubPush(repo.url(), "feature");
    assertThat(post(path, other, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", other)))
        .body()).contains("reconciling 0 application(s)");
    assertThat(app("hooked").getStatus().sync.revision).isEqualTo(first);

    long t0 = System.nanoTime();
    HttpResponse<String> ok = post(path, push, Map.of("X-GitHub-Event", "push",
        "X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", push)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("reconciling 1 application(s)");
    awaitApp("hooked", a -> syncedAt(a, second));
    assertThat(client.configMaps().inNamespace(ns).withName("hooked").get().getData()).containsEntry("value", "two");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(20));
    // the token never shows
    assertThat(client.getKubernetesSerialization().asJson(client.resources(Receiver.class).inNamespace(ns)
        .withName("gh").get())).doesNotContain(TOKEN);
  }

  @Test
  @DisplayName("gitlab, bitbucket, gitea, generic-hmac and generic: each verifies its own way and triggers the apps it names by label")
  void everyType() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("typed", "x"));
    repo.commit("one");
    createApp(Manifests.application("typed", ns, repo.url(), ".", true, true, false, "1h").replace("metadata:\n",
        "metadata:\n  labels: {hooks: \"yes\"}\n"));
    String selector = "[{kind: Application, name: '*', matchLabels: {hooks: \"yes\"}}]";
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    String gitlab = receiver("gl", "gitlab", selector);
    assertThat(post(gitlab, body, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong")).statusCode()).isEqualTo(401);
    assertThat(post(gitlab, body, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", TOKEN)).body())
        .contains("reconciling 1 application(s)");

    String bitbucket = receiver("bb", "bitbucket", selector);
    assertThat(post(bitbucket, body, Map.of("X-Event-Key", "repo:refs_changed")).statusCode()).isEqualTo(401);
    assertThat(post(bitbucket, body, Map.of("X-Event-Key", "repo:refs_changed",
        "X-Hub-Signature", "sha256=" + hmac("HmacSHA256", body))).statusCode()).isEqualTo(200);

    String gitea = receiver("gt", "gitea", selector);
    assertThat(post(gitea, body, Map.of("X-Gitea-Event", "push",
        "X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", body))).statusCode()).isEqualTo(200);

    String hmac = receiver("gh-mac", "generic-hmac", selector);
    assertThat(post(hmac, body, Map.of("X-Signature", "sha512=" + hmac("HmacSHA512", "other".getBytes()))).statusCode())
        .isEqualTo(401);
    assertThat(post(hmac, body, Map.of("X-Signature", "sha512=" + hmac("HmacSHA512", body))).statusCode()).isEqualTo(200);

    String generic = receiver("plain", "generic", selector);
    assertThat(post(generic, body, Map.of()).body()).contains("reconciling 1 application(s)");
  }

  @Test
  @DisplayName("a flood of requests to one receiver is answered 429 after its burst")
  void rateLimited() throws Exception {
    String generic = receiver("flood", "generic", "[{kind: Application, name: nothing}]");
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      if (post(generic, new byte[0], Map.of()).statusCode() == 429) limited++;
    }
    assertThat(limited).isPositive();
  }
}
