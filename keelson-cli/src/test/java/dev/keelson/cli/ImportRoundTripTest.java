package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.cli.imports.ImportDocuments;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Import round trips: Argo CD and Flux objects pointing at a local Git repository are converted,
 * the output is applied as it is, and the controller syncs it.
 */
class ImportRoundTripTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String kubeconfig;
  static Path repo;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(CliTest.run("install", "--kubeconfig", kubeconfig).code()).isZero();
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
    repo = Files.createTempDirectory("keelson-import-repo-");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(repo.resolve("guestbook"));
      Files.writeString(repo.resolve("guestbook/ui.yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: guestbook-ui
          data:
            title: Guestbook
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: guestbook-ui
          spec:
            replicas: 1
            selector:
              matchLabels: {app: guestbook-ui}
            template:
              metadata:
                labels: {app: guestbook-ui}
              spec:
                containers:
                - name: ui
                  image: registry.example/guestbook-ui:0.2
          """);
      Files.createDirectories(repo.resolve("infrastructure"));
      Files.writeString(repo.resolve("infrastructure/settings.yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cluster-settings
          data:
            env: ${cluster_env}
          """);
      Files.createDirectories(repo.resolve("charts/greeter/templates"));
      Files.writeString(repo.resolve("charts/greeter/Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: 1.0.0\n");
      Files.writeString(repo.resolve("charts/greeter/values.yaml"), "greeting: hello\nwho: world\n");
      Files.writeString(repo.resolve("charts/greeter/templates/cm.yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: {{ .Release.Name }}-greeting
          data:
            text: {{ printf "%s, %s" .Values.greeting .Values.who | quote }}
          """);
      Files.createDirectories(repo.resolve("environments/staging"));
      Files.writeString(repo.resolve("environments/staging/greeter.yaml"), "who: staging\n");
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("guestbook, infrastructure and a chart").setAuthor(who).setCommitter(who).call();
    }
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  private static String argoApplication(String namespace, String destination) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: guestbook
          namespace: %s
          finalizers: [resources-finalizer.argocd.argoproj.io]
        spec:
          project: default
          source:
            repoURL: %s
            targetRevision: main
            path: guestbook
          destination:
            server: https://kubernetes.default.svc
            namespace: %s
          syncPolicy:
            automated: {prune: true, selfHeal: true}
            syncOptions: [ServerSideApply=true]
          revisionHistoryLimit: 3
        """.formatted(namespace, repo.toUri(), destination);
  }

  private static String fluxObjects(String namespace) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: fleet, namespace: %1$s}
        spec:
          interval: 1m
          url: %2$s
          ref: {branch: main}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: infrastructure, namespace: %1$s}
        spec:
          interval: 10m
          sourceRef: {kind: GitRepository, name: fleet}
          path: ./infrastructure
          prune: true
          postBuild:
            substitute: {cluster_env: staging}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: guestbook, namespace: %1$s}
        spec:
          interval: 10m
          dependsOn: [{name: infrastructure}]
          sourceRef: {kind: GitRepository, name: fleet}
          path: ./guestbook
          prune: true
          timeout: 2m
        """.formatted(namespace, repo.toUri());
  }

  private static String fluxHelmRelease(String namespace) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: greeter, namespace: %s}
        spec:
          interval: 10m
          chart:
            spec:
              chart: ./charts/greeter
              sourceRef: {kind: GitRepository, name: fleet}
              valuesFiles:
              - ./charts/greeter/values.yaml
              - ./environments/staging/greeter.yaml
          values:
            greeting: hi
        """.formatted(namespace);
  }

  /**
   * The import's standard output created as {@code kubectl apply} creates new objects. (A create
   * and not a server-side apply: fields of kinds a newer Keelson CRD declares, such as
   * spec.project, are dropped by an older CRD's schema instead of refusing the object.)
   */
  private static List<HasMetadata> apply(String yaml) {
    List<HasMetadata> items = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata item : items) client.resource(item).create();
    return items;
  }

  private static void awaitSyncedAndHealthy(String namespace, String name) {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      Application a = client.resources(Application.class).inNamespace(namespace).withName(name).get();
      assertThat(a.getStatus()).isNotNull();
      assertThat(a.getStatus().sync).isNotNull();
      String status = Serialization.asYaml(a.getStatus());
      assertThat(a.getStatus().sync.status).as(name + " sync: " + status).isEqualTo("Synced");
      assertThat(a.getStatus().health.status).as(name + " health: " + status).isEqualTo("Healthy");
    });
  }

  private static Path write(String yaml) throws IOException {
    Path f = Files.createTempFile("keelson-import-", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  @DisplayName("an Argo CD Application, imported into a namespace of its own and applied, syncs and is Healthy; the report names what was left")
  void argoCdRoundTrip() throws Exception {
    String ns = cluster.createNamespace("import-argo");
    CliTest.Result r = CliTest.run("import", "argocd", "-f", write(argoApplication("argocd", ns)).toString(),
        "--namespace", ns);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().lines()).containsExactly("warning: Application/argocd/guestbook: spec.revisionHistoryLimit:"
        + " Keelson keeps its own history length; not carried over");

    List<HasMetadata> applied = apply(r.out());
    assertThat(applied).extracting(HasMetadata::getKind).containsExactly("Application");
    awaitSyncedAndHealthy(ns, "guestbook");
    assertThat(client.configMaps().inNamespace(ns).withName("guestbook-ui").get().getData())
        .containsEntry("title", "Guestbook");
    assertThat(client.apps().deployments().inNamespace(ns).withName("guestbook-ui").get()).isNotNull();
    Application app = client.resources(Application.class).inNamespace(ns).withName("guestbook").get();
    assertThat(app.getMetadata().getFinalizers()).contains("keelson.dev/resources-finalizer");
    assertThat(app.getSpec().syncPolicy.automated.selfHeal).isTrue();
  }

  @Test
  @DisplayName("a Flux GitRepository, two Kustomizations (one depending on the other) and a HelmRelease of a chart in Git, imported and applied: all sync, substitution and values files included")
  void fluxRoundTrip() throws Exception {
    String ns = cluster.createNamespace("import-flux");
    CliTest.Result r = CliTest.run("import", "flux", "-f", write(fluxObjects(ns)).toString(),
        "-f", write(fluxHelmRelease(ns)).toString(), "-o", "yaml");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().lines()).containsExactly("warning: Kustomization/" + ns + "/guestbook: spec.timeout: Keelson"
        + " has no deadline for a sync; not carried over");

    apply(r.out());
    awaitSyncedAndHealthy(ns, "infrastructure");
    awaitSyncedAndHealthy(ns, "guestbook");
    awaitSyncedAndHealthy(ns, "greeter");
    // values files from the repository's root in Flux, from the chart in Keelson; values above them
    assertThat(client.configMaps().inNamespace(ns).withName("greeter-greeting").get().getData())
        .containsEntry("text", "hi, staging");
    assertThat(client.configMaps().inNamespace(ns).withName("cluster-settings").get().getData())
        .containsEntry("env", "staging");
    assertThat(client.configMaps().inNamespace(ns).withName("guestbook-ui").get()).isNotNull();
    Application guestbook = client.resources(Application.class).inNamespace(ns).withName("guestbook").get();
    assertThat(guestbook.getSpec().dependsOn).extracting(d -> d.name).containsExactly("infrastructure");
  }

  @Test
  @DisplayName("--from-cluster reads Argo CD and Flux objects where their CRDs are installed, skips the kinds whose CRDs are not, and its output applies")
  void fromCluster() throws Exception {
    for (String crd : List.of("applications.argoproj.io", "kustomizations.kustomize.toolkit.fluxcd.io",
        "gitrepositories.source.toolkit.fluxcd.io")) {
      installCrd(crd);
    }
    String argoNs = cluster.createNamespace("argocd-live");
    String fluxNs = cluster.createNamespace("flux-live");
    createGeneric(argoApplication(argoNs, argoNs));
    for (Map<String, Object> o : ImportDocuments.parse("flux", fluxObjects(fluxNs))) {
      createGeneric(Serialization.asYaml(o));
    }

    CliTest.Result argo = CliTest.run("import", "argocd", "--from-cluster", "--kubeconfig", kubeconfig, "-o", "json");
    assertThat(argo.code()).as(argo.err()).isZero();
    List<Map<String, Object>> argoOut = ImportDocuments.parse("out", argo.out());
    assertThat(argoOut).filteredOn(o -> argoNs.equals(((Map<?, ?>) o.get("metadata")).get("namespace")))
        .singleElement().satisfies(o -> {
          assertThat(o.get("apiVersion")).isEqualTo("keelson.dev/v1alpha1");
          assertThat(((Map<?, ?>) ((Map<?, ?>) o.get("spec")).get("source")).get("revision")).isEqualTo("main");
        });

    CliTest.Result flux = CliTest.run("import", "flux", "--from-cluster", "--kubeconfig", kubeconfig);
    assertThat(flux.code()).as(flux.err()).isZero();
    assertThat(flux.err()).contains("warning: Kustomization/" + fluxNs + "/guestbook: spec.timeout:");
    List<Map<String, Object>> mine = ImportDocuments.parse("out", flux.out()).stream()
        .filter(o -> fluxNs.equals(((Map<?, ?>) o.get("metadata")).get("namespace"))).toList();
    assertThat(mine).extracting(o -> (Object) ((Map<?, ?>) o.get("metadata")).get("name"))
        .containsExactlyInAnyOrder("infrastructure", "guestbook");
    apply(mine.stream().map(Serialization::asYaml).reduce("", String::concat));
    awaitSyncedAndHealthy(fluxNs, "guestbook");
  }

  private static void installCrd(String name) throws IOException {
    try (InputStream in = ImportRoundTripTest.class.getResourceAsStream("/imports/crds/" + name + ".yaml")) {
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    }
    String group = name.substring(name.indexOf('.') + 1);
    await().atMost(TIMEOUT).until(() -> {
      var c = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      return c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
          .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus()))
          && client.getApiGroup(group) != null;
    });
  }

  private static void createGeneric(String yaml) {
    GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    String[] gv = r.getApiVersion().split("/");
    String plural = switch (r.getKind()) {
      case "Application" -> "applications";
      case "Kustomization" -> "kustomizations";
      case "GitRepository" -> "gitrepositories";
      default -> throw new IllegalArgumentException(r.getKind());
    };
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(gv[0]).withVersion(gv[1])
        .withKind(r.getKind()).withPlural(plural).withNamespaced(true).build();
    client.genericKubernetesResources(context).inNamespace(r.getMetadata().getNamespace()).resource(r).create();
  }
}
