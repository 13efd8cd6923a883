package dev.keelson.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Argo CD objects in the shapes of the argocd-example-apps repository, converted. */
class ImportArgoCdTest {
  private static final String KEPT_IN_ARGOCD =
      ": metadata.namespace: kept in argocd; Keelson reads Applications in any namespace (--namespace NS chooses another)";

  private static ImportResult convert(String... fixtures) {
    return new ArgoCdImporter().convert(Fixtures.read("argocd", fixtures), ImportOptions.defaults());
  }

  @Test
  @DisplayName("guestbook: targetRevision becomes revision, the resources finalizer Keelson's; what Keelson lacks is reported by path")
  void guestbook() {
    ImportResult r = convert("guestbook.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: guestbook
          namespace: argocd
          labels: {team: web}
          annotations:
            notifications.argoproj.io/subscribe.on-sync-succeeded.slack: deployments
          finalizers: [keelson.dev/resources-finalizer]
        spec:
          project: default
          source:
            repoURL: https://github.com/example/gitops-examples.git
            revision: HEAD
            path: guestbook
            directory: {recurse: true, exclude: '{README.md,*.json}'}
          destination: {server: 'https://kubernetes.default.svc', namespace: guestbook}
          syncPolicy:
            automated: {prune: true, selfHeal: true}
            syncOptions: [CreateNamespace=true, ServerSideApply=true]
            retry:
              limit: 5
              backoff: {duration: 5s, factor: 2, maxDuration: 3m}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: Application/argocd/guestbook" + KEPT_IN_ARGOCD,
        "warning: Application/argocd/guestbook: spec.source.directory.jsonnet: Keelson does not render Jsonnet;"
            + " not carried over",
        "warning: Application/argocd/guestbook: spec.syncPolicy.automated.allowEmpty: Keelson syncs a revision that"
            + " renders no objects like any other; not carried over",
        "warning: Application/argocd/guestbook: spec.syncPolicy.syncOptions[2]: Keelson has no sync option"
            + " ClientSideApplyMigration=false; not carried over",
        "warning: Application/argocd/guestbook: spec.info: Keelson Applications have no info entries; not carried over",
        "warning: Application/argocd/guestbook: spec.revisionHistoryLimit: Keelson keeps its own history length;"
            + " not carried over");
  }

  @Test
  @DisplayName("helm-guestbook, a repository chart and an OCI chart: Helm options carried, an OCI registry gets its scheme, one of several sources")
  void helm() {
    ImportResult r = convert("helm-guestbook.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: helm-guestbook, namespace: argocd}
        spec:
          project: default
          source:
            repoURL: https://github.com/example/gitops-examples.git
            revision: main
            path: helm-guestbook
            helm:
              releaseName: guestbook
              valueFiles: [values-production.yaml]
              parameters:
              - {name: service.type, value: NodePort}
              - {name: image.tag, value: '0.2', forceString: true}
              fileParameters:
              - {name: config, path: files/config.json}
          destination: {name: in-cluster, namespace: helm-guestbook}
          syncPolicy:
            syncOptions: [PruneLast=true]
        ---
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: redis, namespace: apps}
        spec:
          project: data
          source:
            repoURL: oci://registry-1.docker.io/bitnamicharts
            revision: 19.x
            chart: redis
            helm:
              valuesObject:
                architecture: standalone
                auth: {enabled: false}
          destination: {server: 'https://kubernetes.default.svc', namespace: redis}
        ---
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: podinfo, namespace: apps}
        spec:
          project: default
          source:
            repoURL: https://stefanprodan.github.io/podinfo
            revision: 6.5.4
            chart: podinfo
          destination: {server: 'https://kubernetes.default.svc', namespace: podinfo}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: Application/argocd/helm-guestbook" + KEPT_IN_ARGOCD,
        "warning: Application/argocd/helm-guestbook: spec.source.helm.passCredentials: Keelson sends a chart"
            + " repository's credentials to that repository only; not carried over",
        "warning: Application/argocd/helm-guestbook: spec.source.helm.version: Keelson renders with Helm 3; not carried over",
        "warning: Application/apps/redis: spec.source.repoURL: Argo CD names OCI registries without a scheme;"
            + " written as oci://registry-1.docker.io/bitnamicharts",
        "warning: Application/apps/podinfo: spec.sources[1]: Keelson Applications have one source; this one is not"
            + " carried over (make it an Application of its own)",
        "warning: Application/apps/podinfo: spec.sources[0].helm.valueFiles[0]: a value file of another source;"
            + " Keelson Applications have one source; not carried over");
  }

  @Test
  @DisplayName("kustomize-guestbook: Kustomize options and jq ignore rules are reported; the foreground finalizer says what to add")
  void kustomize() {
    ImportResult r = convert("kustomize-guestbook.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: kustomize-guestbook
          namespace: argocd
          finalizers: [keelson.dev/resources-finalizer]
        spec:
          project: default
          source:
            repoURL: https://github.com/example/gitops-examples.git
            revision: v1.2.0
            path: kustomize-guestbook
          destination: {server: 'https://kubernetes.default.svc', namespace: kustomize-guestbook}
          ignoreDifferences:
          - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
          - {kind: ConfigMap, name: settings}
        """));
    String app = "warning: Application/argocd/kustomize-guestbook";
    assertThat(r.warningLines()).containsExactly(
        app + KEPT_IN_ARGOCD,
        app + ": metadata.finalizers[0]: written as keelson.dev/resources-finalizer; Keelson deletes with the"
            + " propagation of the sync option PrunePropagationPolicy (add PrunePropagationPolicy=foreground)",
        app + ": spec.source.kustomize.namePrefix: Keelson builds the path's kustomization.yaml as it is; put this into it",
        app + ": spec.source.kustomize.images: Keelson builds the path's kustomization.yaml as it is; put this into it",
        app + ": spec.ignoreDifferences[1].jqPathExpressions: Keelson ignores fields by jsonPointers or"
            + " managedFieldsManagers only; not carried over");
  }

  @Test
  @DisplayName("app of apps: the parent and its child convert alike; Argo CD annotations Keelson reads are kept; automated.enabled false means manual")
  void appOfApps() {
    ImportResult r = convert("app-of-apps.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: apps, namespace: argocd}
        spec:
          project: default
          source: {repoURL: 'https://github.com/example/gitops-examples.git', revision: HEAD, path: apps}
          destination: {server: 'https://kubernetes.default.svc', namespace: argocd}
          syncPolicy:
            automated: {}
        ---
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: sync-waves
          namespace: argocd
          annotations: {argocd.argoproj.io/sync-wave: '1'}
        spec:
          project: default
          source: {repoURL: 'https://github.com/example/gitops-examples.git', revision: HEAD, path: sync-waves}
          destination: {server: 'https://kubernetes.default.svc', namespace: sync-waves}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: Application/argocd/apps" + KEPT_IN_ARGOCD,
        "warning: Application/argocd/sync-waves" + KEPT_IN_ARGOCD,
        "warning: Application/argocd/sync-waves: spec.source.plugin: Keelson has no config management plugins;"
            + " not carried over");
  }

  @Test
  @DisplayName("--namespace puts every Application there and says nothing of argocd")
  void namespaceOverride() {
    ImportResult r = new ArgoCdImporter().convert(Fixtures.read("argocd", "app-of-apps.yaml"),
        new ImportOptions("platform", ImportOptions.DEFAULT_CONTROLLER_NAMESPACE));
    assertThat(r.objects()).extracting(o -> (Object) ((Map<?, ?>) o.get("metadata")).get("namespace"))
        .containsExactly("platform", "platform");
    assertThat(r.warningLines()).containsExactly(
        "warning: Application/argocd/sync-waves: spec.source.plugin: Keelson has no config management plugins;"
            + " not carried over");
  }

  @Test
  @DisplayName("AppProject: Argo CD's field names carried as they are; roles, signature keys and orphaned resources reported")
  void project() {
    ImportResult r = convert("project.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: AppProject
        metadata: {name: team-a, namespace: argocd}
        spec:
          description: Team A's applications
          sourceRepos: ['https://github.com/example/*']
          destinations:
          - {server: 'https://kubernetes.default.svc', namespace: team-a-*}
          - {name: staging, namespace: '*'}
          clusterResourceWhitelist: [{group: '', kind: Namespace}]
          namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]
          syncWindows:
          - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*'], manualSync: true,
             timeZone: Europe/Berlin}
          sourceNamespaces: [team-a]
          destinationServiceAccounts:
          - {server: 'https://kubernetes.default.svc', namespace: team-a-*, defaultServiceAccount: team-a-deployer}
        """));
    String p = "warning: AppProject/argocd/team-a";
    assertThat(r.warningLines()).containsExactly(
        p + ": metadata.namespace: kept in argocd; Keelson reads AppProjects in any namespace (--namespace NS"
            + " chooses another)",
        p + ": metadata.finalizers: not carried over",
        p + ": spec.roles: Keelson has no project roles; grant access with Kubernetes RBAC on Applications",
        p + ": spec.signatureKeys: Keelson does not verify commit signatures; not carried over",
        p + ": spec.orphanedResources: Keelson does not monitor orphaned resources; not carried over");
  }

  @Test
  @DisplayName("ApplicationSet with list and clusters generators: the template converted, ignoreApplicationDifferences moved into syncPolicy, its generated Application left out")
  void applicationSet() {
    ImportResult r = convert("appset.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook, namespace: argocd}
        spec:
          generators:
          - list:
              elements:
              - {cluster: engineering-dev, url: 'https://1.2.3.4'}
              - {cluster: engineering-prod, url: 'https://2.4.6.8'}
          - clusters:
              selector: {matchLabels: {env: staging}}
              values: {revision: main}
          template:
            metadata:
              name: '{{cluster}}-guestbook'
              finalizers: [keelson.dev/resources-finalizer]
            spec:
              project: default
              source: {repoURL: 'https://github.com/example/gitops-examples.git', revision: HEAD, path: guestbook}
              destination: {server: '{{url}}', namespace: guestbook}
              syncPolicy:
                automated: {prune: true}
          syncPolicy:
            applicationsSync: create-update
            preserveResourcesOnDeletion: true
            ignoreApplicationDifferences:
            - jsonPointers: [/spec/source/revision]
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: ApplicationSet/argocd/guestbook: metadata.namespace: kept in argocd; Keelson reads ApplicationSets"
            + " in any namespace (--namespace NS chooses another)",
        "warning: ApplicationSet/argocd/guestbook: spec.generators[2].scmProvider: Keelson has no scmProvider"
            + " generator; not carried over",
        "warning: Application/argocd/engineering-dev-guestbook: generated by ApplicationSet guestbook; left out"
            + " (the imported ApplicationSet generates it)");
  }

  @Test
  @DisplayName("cluster Secret: moved to the controller's namespace with Keelson's label, data unchanged; keys Keelson does not honour named, never their values")
  void clusterSecret() {
    ImportResult r = convert("cluster-secret.yaml");
    assertThat(r.objects()).isEqualTo(Fixtures.yaml("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: cluster-staging
          namespace: keelson-system
          labels: {env: staging, keelson.dev/secret-type: cluster}
        type: Opaque
        stringData:
          name: staging
          server: https://10.0.0.12:6443
          project: team-a
          config: |
            {"bearerToken": "not-a-real-token", "tlsClientConfig": {"insecure": false, "caData": "LS0tLS1CRUdJTg==", "serverName": "kubernetes"}}
        """));
    assertThat(r.warningLines()).containsExactly(
        "warning: Secret/argocd/cluster-staging: stringData.project: Keelson has no project-scoped clusters; kept in"
            + " the Secret, not read",
        "warning: Secret/argocd/cluster-staging: stringData.config.tlsClientConfig.serverName: not honoured; use a"
            + " server URL whose host the certificate names",
        "warning: ConfigMap/argocd/argocd-cm: not an Argo CD object; left out",
        "warning: Secret/argocd/gitops-examples-repo: no Application of the input uses its URL; left out");
    assertThat(String.join("\n", r.warningLines())).doesNotContain("not-a-real");
  }

  @Test
  @DisplayName("a repository Secret is copied, with the keys Keelson reads, into the namespace of each Application of its URL, and named in source.secretRef")
  void repositorySecret() {
    ImportResult r = new ArgoCdImporter().convert(Fixtures.read("argocd", "guestbook.yaml", "cluster-secret.yaml"),
        new ImportOptions("web", ImportOptions.DEFAULT_CONTROLLER_NAMESPACE));
    assertThat(r.objects()).extracting(o -> (Object) o.get("kind")).containsExactly("Secret", "Application", "Secret");
    assertThat(r.objects().get(0)).isEqualTo(Fixtures.yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: gitops-examples-repo, namespace: web}
        type: Opaque
        stringData: {password: not-a-real-password, username: git}
        """).get(0));
    Map<?, ?> source = (Map<?, ?>) ((Map<?, ?>) r.objects().get(1).get("spec")).get("source");
    assertThat(source.get("secretRef")).isEqualTo(Map.of("name", "gitops-examples-repo"));
    assertThat(r.warningLines()).noneMatch(l -> l.contains("gitops-examples-repo"));
  }

  @Test
  @DisplayName("a credential template matches by URL prefix, the longest first; an exact repository Secret wins over it; SSH keys ask for known_hosts")
  void credentialTemplates() {
    String key = java.util.Base64.getEncoder().encodeToString("KEY".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Map<String, Object>> in = Fixtures.yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: org-creds, namespace: argocd, labels: {argocd.argoproj.io/secret-type: repo-creds}}
        data: {url: %s, sshPrivateKey: %s, project: %s}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: all-creds, namespace: argocd, labels: {argocd.argoproj.io/secret-type: repo-creds}}
        stringData: {url: 'git@github.com:', password: p, username: u, githubAppID: '1'}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: special, namespace: argocd, labels: {argocd.argoproj.io/secret-type: repository}}
        stringData: {url: 'git@github.com:example/special.git', password: s}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: a, namespace: team}
        spec: {source: {repoURL: 'git@github.com:example/a.git'}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: b, namespace: team}
        spec: {source: {repoURL: 'git@github.com:Example/B'}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: special, namespace: team}
        spec: {source: {repoURL: 'git@github.com:example/special'}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: other, namespace: team}
        spec: {source: {repoURL: 'git@github.com:other/c.git'}}
        """.formatted(b64("git@github.com:example"), key, b64("team-a")));
    ImportResult r = new ArgoCdImporter().convert(in, ImportOptions.defaults());
    assertThat(r.objects()).extracting(o -> (Object) (o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name")))
        .containsExactly("Secret/org-creds", "Application/a", "Application/b", "Secret/special", "Application/special",
            "Secret/all-creds", "Application/other");
    assertThat(r.objects().get(0).get("data")).isEqualTo(Map.of("sshPrivateKey", key));
    assertThat(r.objects()).filteredOn(o -> "Application".equals(o.get("kind")))
        .extracting(o -> (Object) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) o.get("spec")).get("source")).get("secretRef"))
            .get("name"))
        .containsExactly("org-creds", "org-creds", "special", "all-creds");
    assertThat(r.warningLines()).containsExactly(
        "warning: Secret/argocd/org-creds: data.project: Keelson has no project-scoped repositories; not carried over",
        "warning: Secret/argocd/org-creds: data.sshPrivateKey: Keelson checks SSH host keys strictly: add known_hosts"
            + " to the copied Secret (Argo CD keeps them in the ConfigMap argocd-ssh-known-hosts-cm)",
        "warning: Secret/argocd/all-creds: stringData.githubAppID: Keelson does not read it; not carried over");
  }

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a base64 cluster Secret with an exec provider: reported, its data copied as it is")
  void clusterSecretData() {
    String config = java.util.Base64.getEncoder().encodeToString(
        "{\"execProviderConfig\": {\"command\": \"argocd-k8s-auth\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Map<String, Object>> in = Fixtures.yaml("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: eks
          namespace: argocd
          labels: {argocd.argoproj.io/secret-type: cluster}
        data:
          server: aHR0cHM6Ly9la3MuZXhhbXBsZQ==
          config: %s
        """.formatted(config));
    ImportResult r = new ArgoCdImporter().convert(in, new ImportOptions(null, "cd"));
    assertThat(r.objects().get(0).get("data")).isEqualTo(Map.of("server", "aHR0cHM6Ly9la3MuZXhhbXBsZQ==", "config", config));
    assertThat(((Map<?, ?>) r.objects().get(0).get("metadata")).get("namespace")).isEqualTo("cd");
    assertThat(r.warningLines()).containsExactly(
        "warning: Secret/argocd/eks: data.config.execProviderConfig: Keelson refuses it; give a bearerToken, a client"
            + " certificate or a kubeconfig key");
  }

  @Test
  @DisplayName("a field no converter knows is reported, not dropped in silence")
  void unknownField() {
    ImportResult r = new ArgoCdImporter().convert(Fixtures.yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: a, namespace: team}
        spec:
          source: {repoURL: 'https://git.example/a.git', targetRevision: main, newField: x}
          destination: {namespace: a}
          futureOption: true
        status: {sync: {status: Synced}}
        """), ImportOptions.defaults());
    assertThat(r.warningLines()).containsExactly(
        "warning: Application/team/a: spec.futureOption: Keelson has no such field; not carried over",
        "warning: Application/team/a: spec.source.newField: Keelson has no such field; not carried over");
  }

  @Test
  @DisplayName("input that is not YAML, or a document that is no object, fails naming the file and the document")
  void unparsable() {
    assertThatThrownBy(() -> ImportDocuments.parse("apps.yaml", "apiVersion: v1\nkind: ConfigMap\n---\nmetadata: [\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("apps.yaml: document 2 is not YAML or JSON");
    assertThatThrownBy(() -> ImportDocuments.parse("apps.yaml", "---\n- a\n- b\n"))
        .hasMessage("apps.yaml: document 1 is not a Kubernetes object (it needs apiVersion and kind)");
    assertThat(ImportDocuments.parse("list.json", """
        {"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Secret"}]}
        """)).hasSize(1);
  }
}
