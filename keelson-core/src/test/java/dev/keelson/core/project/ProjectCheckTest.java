package dev.keelson.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.schedule.SyncWindowSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectCheckTest {
  static final DestinationCluster PROD = new DestinationCluster("prod", "https://prod.example:6443");
  static final ProjectId TEAM_A = new ProjectId.Found("keelson-system", "team-a");

  static ProjectRules rules(List<String> repos, List<ProjectRules.DestinationRule> destinations,
      List<ProjectRules.KindRule> clusterWhite, List<ProjectRules.KindRule> nsWhite, List<ProjectRules.KindRule> nsBlack) {
    return new ProjectRules(TEAM_A, repos.stream().map(Glob::of).toList(), destinations, clusterWhite, List.of(),
        nsWhite, nsBlack, List.of(), List.of("team-a-*").stream().map(Glob::of).toList(), List.of());
  }

  static ProjectRules.DestinationRule dest(String server, String name, String namespace) {
    return new ProjectRules.DestinationRule(server == null ? null : Glob.of(server), name == null ? null : Glob.of(name),
        namespace == null ? null : Glob.of(namespace));
  }

  static ProjectRules.KindRule kind(String group, String kind) {
    return new ProjectRules.KindRule(Glob.of(group), Glob.of(kind));
  }

  static Manifest object(String group, String kind, String namespace, String name) {
    return new Manifest(new ResourceKey(group, kind, namespace, name), group.isEmpty() ? "v1" : group + "/v1",
        new LinkedHashMap<>(), "manifests/" + name + ".yaml");
  }

  static Manifest childApp(String namespace, String name, String project) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (project != null) body.put("spec", Map.of("project", project));
    return new Manifest(new ResourceKey("keelson.dev", "Application", namespace, name), "keelson.dev/v1alpha1", body,
        "apps/" + name + ".yaml");
  }

  final ProjectRules teamA = rules(List.of("https://github.com/team-a/*", "!https://github.com/team-a/secret*"),
      List.of(dest(null, "prod", "team-a-*"), dest("https://prod.example:6443", null, "!team-a-admin")),
      List.of(kind("", "Namespace")), List.of(), List.of(kind("", "Secret")));

  @Test
  void globsMatchAcrossSlashesAndNegationDenies() {
    assertThat(Glob.of("https://github.com/team-a/*").matches("https://github.com/team-a/x/y.git")).isTrue();
    assertThat(Glob.of("team-?").matches("team-a")).isTrue();
    assertThat(Glob.of("team-?").matches("team-ab")).isFalse();
    assertThat(Glob.of("a.b").matches("axb")).isFalse();
    assertThat(ProjectCheck.permitted(teamA.sourceRepos(), "https://github.com/team-a/apps")).isTrue();
    assertThat(ProjectCheck.permitted(teamA.sourceRepos(), "https://github.com/team-a/secrets")).isFalse();
    assertThat(ProjectCheck.permitted(List.of(), "anything")).isFalse();
  }

  @Test
  void theAppsRepositoryAndDestinationAreChecked() {
    assertThat(ProjectCheck.app(teamA, "https://github.com/team-a/apps", PROD, "team-a-web")).isEmpty();
    assertThat(ProjectCheck.app(teamA, "https://github.com/team-b/apps", PROD, "team-a-web"))
        .singleElement().satisfies(v -> {
          assertThat(v.rule()).isEqualTo("sourceRepos");
          assertThat(v.message()).isEqualTo("AppProject keelson-system/team-a: repository https://github.com/team-b/apps"
              + " is not permitted by sourceRepos [https://github.com/team-a/*, !https://github.com/team-a/secret*]");
        });
    assertThat(ProjectCheck.app(teamA, "https://github.com/team-a/apps", PROD, "kube-system"))
        .singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo("destinations"));
    assertThat(ProjectCheck.app(teamA, "https://github.com/team-a/apps", DestinationCluster.IN_CLUSTER, "team-a-web"))
        .singleElement().satisfies(v -> assertThat(v.message()).contains("in-cluster (https://kubernetes.default.svc)"));
    // the negated entry denies even where the first entry allows
    assertThat(ProjectCheck.app(teamA, "https://github.com/team-a/apps", PROD, "team-a-admin"))
        .singleElement().satisfies(v -> assertThat(v.message()).contains("is denied by destinations entry"));
  }

  @Test
  void everyObjectIsCheckedByScopeKindAndNamespace() {
    List<Violation> refused = ProjectCheck.objects(teamA, PROD, List.of(
        object("", "ConfigMap", "team-a-web", "ok"),
        object("", "Namespace", "", "team-a-web"),
        object("rbac.authorization.k8s.io", "ClusterRole", "", "admin"),
        object("", "Secret", "team-a-web", "token"),
        object("", "ConfigMap", "kube-system", "sneaky")), (ns, name) -> Optional.empty());
    assertThat(refused).extracting(Violation::rule).containsExactly(
        "clusterResourceWhitelist", "namespaceResourceBlacklist", "destinations");
    assertThat(refused.get(0).message()).isEqualTo("AppProject keelson-system/team-a: manifests/admin.yaml"
        + " (ClusterRole.rbac.authorization.k8s.io/admin): cluster-scoped kind rbac.authorization.k8s.io/ClusterRole"
        + " is not in clusterResourceWhitelist [\"\"/Namespace]");
    assertThat(refused.get(2).message()).contains("manifests/sneaky.yaml").contains("namespace kube-system");
  }

  @Test
  void aWhitelistOfNamespacedKindsAllowsOnlyThose() {
    ProjectRules onlyConfigMaps = rules(List.of("*"), List.of(dest("*", null, "*")), List.of(),
        List.of(kind("", "ConfigMap")), List.of());
    assertThat(ProjectCheck.objects(onlyConfigMaps, PROD, List.of(object("apps", "Deployment", "x", "web")),
        (ns, name) -> Optional.empty())).singleElement()
        .satisfies(v -> assertThat(v.rule()).isEqualTo("namespaceResourceWhitelist"));
  }

  @Test
  void childApplicationsStayInTheProject() {
    var resolve = (java.util.function.BiFunction<String, String, Optional<ProjectId>>) (ns, name) ->
        name.equals("team-a") ? Optional.of(TEAM_A)
            : name.equals("default") ? Optional.of(ProjectId.IMPLICIT_DEFAULT) : Optional.empty();
    assertThat(ProjectCheck.objects(teamA, PROD, List.of(childApp("team-a-web", "child", "team-a")), resolve)).isEmpty();
    assertThat(ProjectCheck.objects(teamA, PROD, List.of(childApp("team-a-web", "escape", null)), resolve))
        .singleElement().satisfies(v -> {
          assertThat(v.rule()).isEqualTo("project");
          assertThat(v.message()).contains("apps/escape.yaml").contains("names project default");
        });
    // same name, another project object (one in the child's namespace shadows the parent's)
    var shadowed = (java.util.function.BiFunction<String, String, Optional<ProjectId>>) (ns, name) ->
        Optional.of(new ProjectId.Found(ns, name));
    assertThat(ProjectCheck.objects(teamA, PROD, List.of(childApp("team-a-web", "child", "team-a")), shadowed))
        .singleElement().satisfies(v -> assertThat(v.message()).contains("AppProject team-a-web/team-a"));
    assertThat(ProjectCheck.objects(teamA, PROD, List.of(object("keelson.dev", "AppProject", "team-a-web", "mine")),
        resolve)).extracting(Violation::rule).contains("project");
  }

  @Test
  void theImplicitDefaultAllowsEverything() {
    assertThat(ProjectCheck.app(ProjectRules.ALLOW_ALL, "file:///anything", PROD, "kube-system")).isEmpty();
    assertThat(ProjectCheck.objects(ProjectRules.ALLOW_ALL, PROD, List.of(
        object("rbac.authorization.k8s.io", "ClusterRole", "", "admin"), childApp("x", "y", "other")),
        (ns, name) -> Optional.empty())).isEmpty();
    assertThat(ProjectCheck.sourceNamespace(ProjectRules.ALLOW_ALL, "anywhere")).isEmpty();
  }

  @Test
  void appsOutsideTheProjectsNamespaceNeedSourceNamespaces() {
    assertThat(ProjectCheck.sourceNamespace(teamA, "keelson-system")).isEmpty();
    assertThat(ProjectCheck.sourceNamespace(teamA, "team-a-apps")).isEmpty();
    assertThat(ProjectCheck.sourceNamespace(teamA, "team-b")).get()
        .satisfies(v -> assertThat(v.message()).isEqualTo("AppProject keelson-system/team-a: Applications in namespace"
            + " team-b may not use it (sourceNamespaces [team-a-*])"));
  }

  @Test
  void windowsApplyByApplicationNamespaceOrCluster() {
    SyncWindowSpec deny = new SyncWindowSpec(SyncWindowSpec.Kind.deny, "0 22 * * *", Duration.ofHours(1),
        SyncWindowSpec.DEFAULT_TIME_ZONE, false);
    var byName = new ProjectRules.ProjectWindow(deny, List.of(Glob.of("web-*")), List.of(), List.of());
    var byCluster = new ProjectRules.ProjectWindow(deny, List.of(), List.of(), List.of(Glob.of("prod")));
    ProjectRules r = new ProjectRules(TEAM_A, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(byName, byCluster), List.of(), List.of());
    assertThat(ProjectCheck.windows(r, "web-1", "x", DestinationCluster.IN_CLUSTER)).hasSize(1);
    assertThat(ProjectCheck.windows(r, "web-1", "x", PROD)).hasSize(2);
    assertThat(ProjectCheck.windows(r, "api", "x", DestinationCluster.IN_CLUSTER)).isEmpty();
  }

  @Test
  void theFirstMatchingDestinationServiceAccountIsUsed() {
    ProjectRules r = new ProjectRules(TEAM_A, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(
            new ProjectRules.ServiceAccountRule(Glob.of("https://prod.*"), Glob.of("team-a-*"), "deployer"),
            new ProjectRules.ServiceAccountRule(Glob.of("*"), Glob.of("*"), "keelson-system:readonly")));
    assertThat(ProjectCheck.serviceAccount(r, PROD, "team-a-web")).contains(new ServiceAccountRef("team-a-web", "deployer"));
    assertThat(ProjectCheck.serviceAccount(r, DestinationCluster.IN_CLUSTER, "team-a-web"))
        .contains(new ServiceAccountRef("keelson-system", "readonly"));
    assertThat(new ServiceAccountRef("a", "b").username()).isEqualTo("system:serviceaccount:a:b");
  }
}
