package dev.keelson.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Flux objects in the shapes of the flux2-kustomize-helm-example repository, converted. */
class ImportFluxTest {

  private static ImportResult convert(String... fixtures) {
    return new FluxImporter().convert(Fixtures.read("flux", fixtures), ImportOptions.defaults());
  }

  private static final String FLEET = """
      apiVersion: keelson.dev/v1alpha1
      kind: Application
      metadata:
        name: flux-system
        namespace: flux-system
        finalizers: [keelson.dev/resources-finalizer]
      spec:
        source:
          repoURL: ssh://git@github.com/example/flux-fleet
          revision: main
          path: clusters/staging
          secretRef: {name: flux-system}
        syncPolicy:
          automated: {prune: true, selfHeal: true}
        interval: 10m0s
      ---
      apiVersion: keelson.dev/v1alpha1
      kind: Application
      metadata:
        name: infra-controllers
        namespace: flux-system
        finalizers: [keelson.dev/resources-finalizer]
      spec:
        source:
          repoURL: ssh://git@github.com/example/flux-fleet
          revision: main
          path: infrastructure/controllers
          secretRef: {name: flux-system}
        syncPolicy:
          automated: {prune: true, selfHeal: true}
          retry:
            limit: -1
            backoff: {duration: 1m, factor: 1, maxDuration: 1m}
        interval: 1h
      ---
      apiVersion: keelson.dev/v1alpha1
      kind: Application
      metadata:
        name: infra-configs
        namespace: flux-system
        finalizers: [keelson.dev/resources-finalizer]
      spec:
        source:
          repoURL: ssh://git@github.com/example/flux-fleet
          revision: main
          path: infrastructure/configs
          secretRef: {name: flux-system}
        syncPolicy:
          automated: {prune: true, selfHeal: true}
        interval: 1h
        dependsOn:
        - {name: infra-controllers}
      ---
      apiVersion: keelson.dev/v1alpha1
      kind: Application
      metadata:
        name: apps
        namespace: flux-system
      spec:
        source:
          repoURL: ssh://git@github.com/example/flux-fleet
          revision: main
          path: apps/staging
          secretRef: {name: flux-system}
        destination: {namespace: staging}
        postBuild:
          substitute: {cluster_env: staging}
          substituteFrom:
          - {kind: ConfigMap, name: cluster-vars}
          - {kind: Secret, name: cluster-secrets, optional: true}
        decryption:
          provider: sops
          secretRef: {name: sops-age}
        syncPolicy:
          automated: {prune: false, selfHeal: true}
        interval: 10m0s
        serviceAccountName: apps-deployer
        dependsOn:
        - {name: infra-configs}
        healthChecks:
        - {apiVersion: example.com/v1, kind: Database, current: status.ready == true, failed: status.error != ''}
      """;

  private static final List<String> FLEET_WARNINGS = List.of(
      "warning: GitRepository/flux-system/flux-system: spec.ignore: Keelson reads the files under the Application's"
          + " path (directory.exclude narrows a plain directory); not carried over",
      "warning: Kustomization/flux-system/infra-controllers: spec.timeout: Keelson has no deadline for a sync;"
          + " not carried over",
      "warning: Kustomization/flux-system/infra-configs: spec.patches: Keelson builds the path's kustomization.yaml"
          + " as it is; put this into it",
      "warning: Kustomization/flux-system/apps: spec.targetNamespace: written as spec.destination.namespace, which"
          + " Keelson gives only to objects without a namespace (Flux sets it on every namespaced object)",
      "warning: Kustomization/flux-system/apps: spec.wait: Keelson assesses the health of every object it applies;"
          + " not carried over",
      "warning: Kustomization/flux-system/apps: spec.healthChecks: Keelson assesses the health of every object it"
          + " applies; not carried over",
      "warning: Kustomization/flux-system/apps: spec.timeout: Keelson has no deadline for a sync; not carried over");

  @Test
  @DisplayName("GitRepository + Kustomizations for infrastructure and apps: one Application each, with the repository's URL, branch and Secret, dependsOn, postBuild, decryption and health rules")
  void fleet() {
    ImportResult r = convert("gotk-sync.yaml", "infrastructure.yaml", "apps.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml(FLEET));
    assertThat(r.warningLines()).containsExactlyElementsOf(FLEET_WARNINGS);
  }

  @Test
  @DisplayName("the order of the input does not matter: a source may come after the Kustomizations that use it")
  void sourcesLast() {
    List<Map<String, Object>> in = new ArrayList<>(Fixtures.read("flux", "gotk-sync.yaml", "infrastructure.yaml",
        "apps.yaml"));
    Collections.rotate(in, -1); // the GitRepository goes last
    ImportResult r = new FluxImporter().convert(in, ImportOptions.defaults());
    assertThat(r.objects()).containsExactlyInAnyOrderElementsOf(Fixtures.yaml(FLEET));
    assertThat(r.warningLines()).containsExactlyInAnyOrderElementsOf(FLEET_WARNINGS);
  }

  @Test
  @DisplayName("HelmRepository + HelmRelease for podinfo: a chart source with the version range and values; drift detection becomes selfHeal and its ignore rules ignoreDifferences")
  void podinfo() {
    ImportResult r = convert("podinfo.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: podinfo
          namespace: podinfo
          finalizers: [keelson.dev/resources-finalizer]
        spec:
          source:
            repoURL: https://stefanprodan.github.io/podinfo
            chart: podinfo
            revision: '>=6.0.0'
            helm:
              releaseName: podinfo
              valuesObject:
                redis: {enabled: true}
                ingress:
                  enabled: true
                  className: nginx
                  hosts:
                  - host: podinfo.staging
                    paths: [{path: /, pathType: ImplementationSpecific}]
          syncPolicy:
            automated: {prune: true, selfHeal: true}
          interval: 50m
          ignoreDifferences:
          - {kind: Deployment, jsonPointers: [/spec/replicas]}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: Namespace/podinfo: not a Flux Kustomization, HelmRelease or source; left out",
        "warning: HelmRelease/podinfo/podinfo: spec.install.remediation: Keelson retries a failed sync by"
            + " spec.syncPolicy.retry; not carried over",
        "warning: HelmRelease/podinfo/podinfo: spec.upgrade: Keelson applies a new chart version with server-side"
            + " apply; the upgrade options do not apply",
        "warning: HelmRelease/podinfo/podinfo: spec.test: Keelson runs a chart's tests with keelson app test; not"
            + " carried over");
  }

  @Test
  @DisplayName("a chart in Git, an OCI HelmRepository in another namespace, and what cannot be converted: each reported")
  void chartsAndLeftovers() {
    ImportResult r = convert("gotk-sync.yaml", "chart-in-git.yaml");
    assertThat(r.objects()).hasSize(3);
    assertThat(r.objects().subList(1, 3)).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: ingress
          namespace: flux-system
          finalizers: [keelson.dev/resources-finalizer]
        spec:
          source:
            repoURL: ssh://git@github.com/example/flux-fleet
            revision: main
            path: charts/ingress-nginx
            secretRef: {name: flux-system}
            helm:
              releaseName: ingress-nginx-ingress
              valueFiles: [values.yaml, ../../infrastructure/ingress/values-staging.yaml]
              valuesFrom:
              - {kind: ConfigMap, name: ingress-values, valuesKey: values.yaml}
              skipCrds: true
          destination: {namespace: ingress-nginx}
          syncPolicy:
            automated: {prune: true, selfHeal: false}
            syncOptions: [CreateNamespace=true]
          interval: 30m
          serviceAccountName: helm-deployer
        ---
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: redis
          namespace: data
          finalizers: [keelson.dev/resources-finalizer]
        spec:
          source:
            repoURL: oci://registry-1.docker.io/bitnamicharts
            chart: redis
            secretRef: {name: dockerhub}
          syncPolicy:
            automated: {prune: true, selfHeal: false}
          interval: 1h
          dependsOn:
          - {name: ingress, namespace: flux-system}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: GitRepository/flux-system/flux-system: spec.ignore: Keelson reads the files under the Application's"
            + " path (directory.exclude narrows a plain directory); not carried over",
        "warning: OCIRepository/flux-system/manifests: metadata.name: Keelson has no OCIRepository source; left out",
        "warning: HelmRelease/flux-system/ingress: spec.postRenderers: Keelson renders charts without post-renderers;"
            + " not carried over",
        "warning: HelmRelease/data/redis: spec.chart.spec.sourceRef: copy the Secret flux-system/dockerhub to"
            + " namespace data: Keelson reads credentials from the Application's namespace",
        "warning: HelmRelease/data/redis: spec.kubeConfig: register the cluster with keelson cluster add and name it"
            + " in spec.destination.name; not carried over",
        "warning: Kustomization/flux-system/from-oci: spec.sourceRef: Keelson reads manifests from Git repositories"
            + " only, not from a OCIRepository; left out",
        "warning: Kustomization/flux-system/orphan: spec.sourceRef: GitRepository flux-system/elsewhere is not in the"
            + " input; left out (import it together with the Kustomization)",
        "warning: GitRepository/flux-system/unused: metadata.name: no Kustomization or HelmRelease of the input uses"
            + " it; nothing converted");
  }

  @Test
  @DisplayName("--namespace moves every Application and its dependencies; the Git credentials Secret must follow, and the report says so")
  void namespaceOverride() {
    ImportResult r = new FluxImporter().convert(Fixtures.read("flux", "gotk-sync.yaml", "infrastructure.yaml"),
        new ImportOptions("keelson-apps", ImportOptions.DEFAULT_CONTROLLER_NAMESPACE));
    assertThat(r.objects()).extracting(o -> (Object) ((Map<?, ?>) o.get("metadata")).get("namespace"))
        .containsOnly("keelson-apps");
    Map<?, ?> configs = (Map<?, ?>) r.objects().get(2).get("spec");
    assertThat(configs.get("dependsOn")).isEqualTo(List.of(Map.of("name", "infra-controllers")));
    assertThat(r.warningLines()).contains(
        "warning: Kustomization/flux-system/infra-configs: spec.sourceRef: copy the Secret flux-system/flux-system to"
            + " namespace keelson-apps: Keelson reads credentials from the Application's namespace");
  }

  @Test
  @DisplayName("GitRepository refs: commit before name before semver before tag before branch, Flux's master without a ref")
  void gitRefs() {
    assertThat(revision("{commit: 0123abc, branch: main}")).isEqualTo("0123abc");
    assertThat(revision("{name: refs/tags/v1.2.0}")).isEqualTo("v1.2.0");
    assertThat(revision("{semver: '>=1.0.0', tag: v0.9.0}")).isEqualTo(">=1.0.0");
    assertThat(revision("{tag: v0.9.0, branch: main}")).isEqualTo("v0.9.0");
    assertThat(revision(null)).isEqualTo("master");
  }

  private static Object revision(String ref) {
    ImportResult r = new FluxImporter().convert(Fixtures.yaml("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: repo, namespace: ns}
        spec:
          url: https://git.example/repo.git
        %s
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: app, namespace: ns}
        spec:
          interval: 5m
          sourceRef: {kind: GitRepository, name: repo}
        """.formatted(ref == null ? "" : "  ref: " + ref)), ImportOptions.defaults());
    assertThat(r.warningLines()).isEmpty();
    return ((Map<?, ?>) ((Map<?, ?>) r.objects().get(0).get("spec")).get("source")).get("revision");
  }
}
