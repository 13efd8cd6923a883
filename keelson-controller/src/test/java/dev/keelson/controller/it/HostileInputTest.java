package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Input written to hurt, each refused with a condition naming the file or field and the cause,
 * in bounded time, while an app beside it keeps converging. The parser and source limits behind
 * these are unit-tested in keelson-core (HostileManifestTest) and keelson-source
 * (HostileRepositoryTest); here the whole reconcile is exercised.
 */
@Timeout(600)
class HostileInputTest extends ControllerTestBase {
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(30);
  private GitFixture bystanderRepo;

  @BeforeEach
  void bystander() throws Exception {
    bystanderRepo = new GitFixture();
    bystanderRepo.write("cm.yaml", Manifests.configMap("bystander", "v1"));
    String sha = bystanderRepo.commit("bystander");
    createApp(Manifests.application("bystander", ns, bystanderRepo.url(), ".", true, true, true, "2s"));
    awaitApp("bystander", a -> syncedAt(a, sha));
  }

  /** The app beside the hostile one still takes a new commit. */
  private void bystanderStillConverges() throws Exception {
    bystanderRepo.write("cm.yaml", Manifests.configMap("bystander", "v2"));
    String sha = bystanderRepo.commit("bystander v2");
    awaitApp("bystander", a -> syncedAt(a, sha));
    assertThat(client.configMaps().inNamespace(ns).withName("bystander").get().getData()).containsEntry("value", "v2");
  }

  private String readyMessage(String app) {
    Instant start = Instant.now();
    Application a = awaitApp(app, x -> conditionIs(x, "Ready", "False") && condition(x, "Ready").orElseThrow()
        .getMessage() != null && !condition(x, "Ready").orElseThrow().getMessage().isBlank());
    assertThat(Duration.between(start, Instant.now())).isLessThan(REFUSED_WITHIN);
    return condition(a, "Ready").orElseThrow().getMessage();
  }

  @Test
  @DisplayName("a YAML alias bomb is refused naming its file, and applies nothing")
  void aliasBomb() throws Exception {
    StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n");
    bomb.append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      String previous = "*a" + (i - 1);
      String refs = IntStream.range(0, 10).mapToObj(j -> previous).collect(Collectors.joining(", "));
      bomb.append("a").append(i).append(": &a").append(i).append(" [").append(refs).append("]\n");
    }
    bomb.append("data: {k: *a9}\n");
    repo.write("ok.yaml", Manifests.configMap("ok", "x")).write("bomb.yaml", bomb.toString());
    repo.commit("bomb");
    createApp(Manifests.application("bomb", ns, repo.url(), ".", true, true, true, "2s"));

    assertThat(readyMessage("bomb")).contains("bomb.yaml").contains("aliases");
    assertThat(client.configMaps().inNamespace(ns).withName("ok").get()).isNull();
    bystanderStillConverges();
  }

  @Test
  @DisplayName("a file of 100,000 documents is refused naming its file")
  void hundredThousandDocuments() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\n");
    }
    repo.write("many.yaml", many.toString());
    repo.commit("many");
    createApp(Manifests.application("many", ns, repo.url(), ".", true, true, true, "2s"));

    assertThat(readyMessage("many")).contains("many.yaml").contains("more than 10000 objects");
    assertThat(client.configMaps().inNamespace(ns).withName("c0").get()).isNull();
    bystanderStillConverges();
  }

  @Test
  @DisplayName("kustomize resources and Helm valueFiles that climb out of the repository are refused")
  void pathsOutOfTheRepository() throws Exception {
    repo.write("kust/kustomization.yaml", "resources:\n- ../../../../../../etc\n")
        .write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
        .write("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-chart}\n");
    repo.commit("climbing");
    createApp(Manifests.application("kust", ns, repo.url(), "kust", true, true, true, "2s"));
    createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: values, namespace: %s}
        spec:
          interval: 2s
          source:
            repoURL: %s
            path: chart
            helm:
              valueFiles: [../../../../../../etc/passwd]
          destination: {namespace: %s}
          syncPolicy: {automated: {}}
        """.formatted(ns, repo.url(), ns));

    assertThat(readyMessage("kust")).contains("kustomization.yaml").contains("../../../../../../etc");
    assertThat(readyMessage("values")).contains("../../../../../../etc/passwd");
    assertThat(client.configMaps().inNamespace(ns).withName("from-chart").get()).isNull();
    bystanderStillConverges();
  }

  @Test
  @DisplayName("a Helm chart whose template includes itself is refused")
  void recursiveChart() throws Exception {
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: loop\nversion: 0.1.0\n")
        .write("chart/templates/_loop.tpl", "{{- define \"loop\" -}}{{ include \"loop\" . }}{{- end -}}\n")
        .write("chart/templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loop}\ndata: {v: '{{ include \"loop\" . }}'}\n");
    repo.commit("recursive chart");
    createApp(Manifests.application("loop", ns, repo.url(), "chart", true, true, true, "2s"));

    String message = readyMessage("loop");
    assertThat(message).contains("_loop.tpl").contains("more times").contains("nested reference name: loop")
        .hasSizeLessThan(2_000);
    bystanderStillConverges();
  }

  @Test
  @DisplayName("absurd spec values are refused as InvalidSpec: a 100ms interval, 10,000 dependsOn entries")
  void absurdSpecValues() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("absurd", "x"));
    repo.commit("absurd");
    createApp(Manifests.application("fast", ns, repo.url(), ".", true, true, true, "100ms"));
    String deps = IntStream.range(0, 10_000).mapToObj(i -> "  - {name: dep-" + i + "}")
        .collect(Collectors.joining("\n"));
    createApp(Manifests.application("needy", ns, repo.url(), ".", true, true, true, "2s")
        + "  dependsOn:\n" + deps + "\n");

    assertThat(readyMessage("fast")).contains("spec.interval 100ms is below the minimum of 1s");
    assertThat(readyMessage("needy")).contains("spec.dependsOn has 10000 entries; at most 256");
    assertThat(client.configMaps().inNamespace(ns).withName("absurd").get()).isNull();
    bystanderStillConverges();
  }

  @Test
  @DisplayName("names and values valid for Kubernetes but unusual sync like any other")
  void unusualButValidNames() throws Exception {
    String longName = "n" + "a".repeat(251) + "z";
    repo.write("odd.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          labels: {"example.com/%s": "%s"}
          annotations: {note: "h\u00e9llo \u2603 \uD83D\uDE80 \u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627"}
        data:
          greeting.txt: "\u00e7a va, \u00fcber"
        """.formatted(longName, "k".repeat(63), "v".repeat(63)));
    String sha = repo.commit("odd");
    String appName = "app-" + "b".repeat(249);
    createApp(Manifests.application(appName, ns, repo.url(), ".", true, true, true, "2s"));

    awaitApp(appName, a -> syncedAt(a, sha) && healthy(a));
    var cm = client.configMaps().inNamespace(ns).withName(longName).get();
    assertThat(cm.getMetadata().getAnnotations()).containsEntry("note", "h\u00e9llo \u2603 \uD83D\uDE80 \u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627");
    assertThat(cm.getData()).containsEntry("greeting.txt", "\u00e7a va, \u00fcber");
    bystanderStillConverges();
  }
}
